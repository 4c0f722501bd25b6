package io.billstream.notification.messaging;

import io.billstream.events.Money;
import io.billstream.events.Topics;
import io.billstream.events.billing.BillingEventMerged;
import io.billstream.events.billing.BillingEventRescheduled;
import io.billstream.events.billing.BillingEventSkipped;
import io.billstream.events.billing.DeclineKind;
import io.billstream.events.billing.PaymentApproved;
import io.billstream.events.billing.PaymentCard;
import io.billstream.events.billing.PaymentDeclined;
import io.billstream.events.card.CardExpiring;
import io.billstream.events.customer.CustomerCreated;
import io.billstream.events.customer.CustomerDetailsChanged;
import io.billstream.events.document.CreditNoteIssued;
import io.billstream.events.merchant.MerchantSettingsChanged;
import io.billstream.events.merchant.NotificationSettings;
import io.billstream.events.order.OrderCreated;
import io.billstream.events.order.SubscriptionCancelled;
import io.billstream.events.order.SubscriptionPaused;
import io.billstream.events.order.SubscriptionResumed;
import io.billstream.notification.message.Notifications;
import io.billstream.notification.recipient.Recipients;
import io.billstream.platform.inbox.EventListener;
import io.billstream.platform.inbox.ReceivedEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The events notification-service listens to: copies of whom to write to, and what to tell them. */
final class NotificationListeners {

    private NotificationListeners() {}

    @Component
    @KafkaListener(topics = Topics.MERCHANTS)
    static class MerchantListener extends EventListener {

        private final Recipients recipients;

        MerchantListener(Recipients recipients) {
            this.recipients = recipients;
        }

        @KafkaHandler
        void on(MerchantSettingsChanged event) {
            recipients.merchantChanged(
                    event.merchantId(),
                    event.settings(),
                    ReceivedEvent.current().sequence());
        }
    }

    @Component
    @KafkaListener(topics = Topics.CUSTOMERS)
    static class CustomerListener extends EventListener {

        private final Recipients recipients;

        CustomerListener(Recipients recipients) {
            this.recipients = recipients;
        }

        @KafkaHandler
        void on(CustomerCreated event) {
            ReceivedEvent received = ReceivedEvent.current();
            recipients.customerChanged(received.merchantId(), event.customerId(), event.details(), received.sequence());
        }

        @KafkaHandler
        void on(CustomerDetailsChanged event) {
            ReceivedEvent received = ReceivedEvent.current();
            recipients.customerChanged(received.merchantId(), event.customerId(), event.details(), received.sequence());
        }
    }

    /** Orders, whose customer messages go to, and subscriptions paused, resumed or cancelled. */
    @Component
    @KafkaListener(topics = Topics.ORDERS)
    static class OrderListener extends EventListener {

        private final Recipients recipients;
        private final Notifications notifications;

        OrderListener(Recipients recipients, Notifications notifications) {
            this.recipients = recipients;
            this.notifications = notifications;
        }

        @KafkaHandler
        void on(OrderCreated event) {
            recipients.orderCreated(
                    ReceivedEvent.current().merchantId(), event.orderId(), event.customerId(), event.reference());
        }

        @KafkaHandler
        void on(SubscriptionPaused event) {
            tell(event.orderId(), "subscription-paused", event.at());
        }

        @KafkaHandler
        void on(SubscriptionResumed event) {
            tell(event.orderId(), "subscription-resumed", event.at());
        }

        @KafkaHandler
        void on(SubscriptionCancelled event) {
            tell(event.orderId(), "subscription-cancelled", event.at());
        }

        private void tell(UUID orderId, String template, Instant at) {
            ReceivedEvent received = ReceivedEvent.current();
            notifications.aboutOrder(received.id(), received.merchantId(), orderId, template, null, at, null, null);
        }
    }

    /** billing-service's outcomes and schedule changes the customer is told of. */
    @Component
    @KafkaListener(topics = Topics.BILLING)
    static class BillingListener extends EventListener {

        private final Notifications notifications;

        BillingListener(Notifications notifications) {
            this.notifications = notifications;
        }

        @KafkaHandler
        void on(PaymentApproved event) {
            if (!event.transactionType().collectsMoney() || event.amount().amount() == 0) {
                return;
            }
            tell(event.orderId(), "payment-approved", event.amount(), event.approvedAt(), event.card(), null);
        }

        @KafkaHandler
        void on(PaymentDeclined event) {
            String template = event.kind() == DeclineKind.HARD ? "payment-declined-hard" : "payment-declined-soft";
            tell(event.orderId(), template, event.amount(), event.declinedAt(), null, null);
        }

        @KafkaHandler
        void on(BillingEventRescheduled event) {
            if (wants(event.orderId(), NotificationSettings::billingEventRescheduled)) {
                tell(event.orderId(), "billing-event-rescheduled", event.amount(), event.scheduledAt(), null, null);
            }
        }

        @KafkaHandler
        void on(BillingEventSkipped event) {
            if (wants(event.orderId(), NotificationSettings::billingEventSkipped)) {
                tell(event.orderId(), "billing-event-skipped", event.amount(), event.skippedAt(), null, null);
            }
        }

        @KafkaHandler
        void on(BillingEventMerged event) {
            if (wants(event.orderId(), NotificationSettings::billingEventsMerged)) {
                tell(event.orderId(), "billing-events-merged", event.amount(), event.scheduledAt(), null, null);
            }
        }

        private boolean wants(UUID orderId, Predicate<NotificationSettings> toggle) {
            return notifications.merchantWants(ReceivedEvent.current().merchantId(), orderId, toggle);
        }

        private void tell(UUID orderId, String template, Money amount, Instant at, PaymentCard card, String detail) {
            ReceivedEvent received = ReceivedEvent.current();
            notifications.aboutOrder(received.id(), received.merchantId(), orderId, template, amount, at, card, detail);
        }
    }

    /** Credit notes document-service issued, for refunds and credits. */
    @Component
    @KafkaListener(topics = Topics.DOCUMENTS)
    static class DocumentListener extends EventListener {

        private final Notifications notifications;

        DocumentListener(Notifications notifications) {
            this.notifications = notifications;
        }

        @KafkaHandler
        void on(CreditNoteIssued event) {
            ReceivedEvent received = ReceivedEvent.current();
            notifications.aboutOrder(
                    received.id(),
                    received.merchantId(),
                    event.orderId(),
                    "refund-issued",
                    event.amount(),
                    event.issuedAt(),
                    null,
                    event.number());
        }
    }

    /** Cards that live orders use, expiring or expired. */
    @Component
    @KafkaListener(topics = Topics.PAYMENT_METHODS)
    static class CardListener extends EventListener {

        private final Notifications notifications;

        CardListener(Notifications notifications) {
            this.notifications = notifications;
        }

        @KafkaHandler
        void on(CardExpiring event) {
            if (event.orderIds().isEmpty()) {
                return;
            }
            ReceivedEvent received = ReceivedEvent.current();
            UUID orderId = event.orderIds().getFirst();
            notifications.aboutOrder(
                    received.id(),
                    received.merchantId(),
                    orderId,
                    event.expired() ? "card-expired" : "card-expiring",
                    null,
                    event.noticedAt(),
                    new PaymentCard(event.brand(), event.last4()),
                    notifications.month(
                            received.merchantId(), orderId, LocalDate.of(event.expiryYear(), event.expiryMonth(), 1)));
        }
    }
}

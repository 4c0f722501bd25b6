package io.billstream.notification.messaging;

import io.billstream.events.Topics;
import io.billstream.events.billing.PaymentApproved;
import io.billstream.events.billing.PaymentDeclined;
import io.billstream.events.customer.CustomerCreated;
import io.billstream.events.customer.CustomerDetailsChanged;
import io.billstream.events.merchant.MerchantSettingsChanged;
import io.billstream.events.order.OrderCreated;
import io.billstream.notification.message.Notifications;
import io.billstream.notification.recipient.Recipients;
import io.billstream.platform.inbox.EventListener;
import io.billstream.platform.inbox.ReceivedEvent;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The copies of whom to write to, fed by order-service's events. */
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

    @Component
    @KafkaListener(topics = Topics.ORDERS)
    static class OrderListener extends EventListener {

        private final Recipients recipients;

        OrderListener(Recipients recipients) {
            this.recipients = recipients;
        }

        @KafkaHandler
        void on(OrderCreated event) {
            recipients.orderCreated(
                    ReceivedEvent.current().merchantId(), event.orderId(), event.customerId(), event.reference());
        }
    }

    /** billing-service's outcomes the customer is told of. */
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
            ReceivedEvent received = ReceivedEvent.current();
            notifications.aboutPayment(
                    received.id(),
                    received.merchantId(),
                    event.orderId(),
                    "payment-approved",
                    event.amount(),
                    event.approvedAt(),
                    event.card());
        }

        @KafkaHandler
        void on(PaymentDeclined event) {
            ReceivedEvent received = ReceivedEvent.current();
            notifications.aboutPayment(
                    received.id(),
                    received.merchantId(),
                    event.orderId(),
                    event.kind() == io.billstream.events.billing.DeclineKind.HARD
                            ? "payment-declined-hard"
                            : "payment-declined-soft",
                    event.amount(),
                    event.declinedAt(),
                    null);
        }
    }
}

package io.billstream.events;

import io.billstream.events.billing.BillingEventCancelled;
import io.billstream.events.billing.BillingEventMerged;
import io.billstream.events.billing.BillingEventRescheduled;
import io.billstream.events.billing.BillingEventRetried;
import io.billstream.events.billing.BillingEventScheduled;
import io.billstream.events.billing.BillingEventSkipped;
import io.billstream.events.billing.CreditIssued;
import io.billstream.events.billing.PaymentApproved;
import io.billstream.events.billing.PaymentDeclined;
import io.billstream.events.billing.PaymentRecovered;
import io.billstream.events.billing.PaymentRetriesExhausted;
import io.billstream.events.billing.RefundIssued;
import io.billstream.events.card.CardExpiring;
import io.billstream.events.card.CardRegistered;
import io.billstream.events.card.CardRemoved;
import io.billstream.events.card.CardReplaced;
import io.billstream.events.customer.CustomerCreated;
import io.billstream.events.customer.CustomerDetailsChanged;
import io.billstream.events.document.CreditNoteIssued;
import io.billstream.events.document.InvoiceIssued;
import io.billstream.events.document.ReceiptIssued;
import io.billstream.events.merchant.MerchantSettingsChanged;
import io.billstream.events.notification.NotificationFailed;
import io.billstream.events.notification.NotificationSent;
import io.billstream.events.order.OrderCreated;
import io.billstream.events.order.OrderStatusChanged;
import io.billstream.events.order.PaymentLinkIssued;
import io.billstream.events.order.SubscriptionCancelled;
import io.billstream.events.order.SubscriptionPaused;
import io.billstream.events.order.SubscriptionResumed;
import io.billstream.events.order.UsageRecorded;
import io.billstream.events.portal.PortalActionPerformed;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event of the contract. A record is an event only once it is listed here: the schema, sample and
 * documentation tests iterate this list, and publishers and consumers resolve type names through it.
 */
public final class EventCatalog {

    public static final List<EventType<?>> ALL = List.of(
            new EventType<>(OrderCreated.class, "order", 1, Topics.ORDERS, OrderCreated::orderId),
            new EventType<>(OrderStatusChanged.class, "order", 1, Topics.ORDERS, OrderStatusChanged::orderId),
            new EventType<>(PaymentLinkIssued.class, "order", 1, Topics.ORDERS, PaymentLinkIssued::orderId),
            new EventType<>(SubscriptionPaused.class, "order", 1, Topics.ORDERS, SubscriptionPaused::orderId),
            new EventType<>(SubscriptionResumed.class, "order", 1, Topics.ORDERS, SubscriptionResumed::orderId),
            new EventType<>(SubscriptionCancelled.class, "order", 1, Topics.ORDERS, SubscriptionCancelled::orderId),
            new EventType<>(UsageRecorded.class, "order", 1, Topics.ORDERS, UsageRecorded::orderId),
            new EventType<>(BillingEventScheduled.class, "billing", 1, Topics.BILLING, BillingEventScheduled::orderId),
            new EventType<>(
                    BillingEventRescheduled.class, "billing", 1, Topics.BILLING, BillingEventRescheduled::orderId),
            new EventType<>(BillingEventSkipped.class, "billing", 1, Topics.BILLING, BillingEventSkipped::orderId),
            new EventType<>(BillingEventMerged.class, "billing", 1, Topics.BILLING, BillingEventMerged::orderId),
            new EventType<>(BillingEventCancelled.class, "billing", 1, Topics.BILLING, BillingEventCancelled::orderId),
            new EventType<>(BillingEventRetried.class, "billing", 1, Topics.BILLING, BillingEventRetried::orderId),
            new EventType<>(PaymentApproved.class, "billing", 1, Topics.BILLING, PaymentApproved::orderId),
            new EventType<>(PaymentDeclined.class, "billing", 1, Topics.BILLING, PaymentDeclined::orderId),
            new EventType<>(PaymentRecovered.class, "billing", 1, Topics.BILLING, PaymentRecovered::orderId),
            new EventType<>(
                    PaymentRetriesExhausted.class, "billing", 1, Topics.BILLING, PaymentRetriesExhausted::orderId),
            new EventType<>(RefundIssued.class, "billing", 1, Topics.BILLING, RefundIssued::orderId),
            new EventType<>(CreditIssued.class, "billing", 1, Topics.BILLING, CreditIssued::orderId),
            new EventType<>(InvoiceIssued.class, "document", 1, Topics.DOCUMENTS, InvoiceIssued::orderId),
            new EventType<>(ReceiptIssued.class, "document", 1, Topics.DOCUMENTS, ReceiptIssued::orderId),
            new EventType<>(CreditNoteIssued.class, "document", 1, Topics.DOCUMENTS, CreditNoteIssued::orderId),
            new EventType<>(PortalActionPerformed.class, "portal", 1, Topics.PORTAL, PortalActionPerformed::customerId),
            new EventType<>(
                    NotificationSent.class, "notification", 1, Topics.NOTIFICATIONS, NotificationSent::customerId),
            new EventType<>(
                    NotificationFailed.class, "notification", 1, Topics.NOTIFICATIONS, NotificationFailed::customerId),
            new EventType<>(CardRegistered.class, "card", 1, Topics.PAYMENT_METHODS, CardRegistered::customerId),
            new EventType<>(CardReplaced.class, "card", 1, Topics.PAYMENT_METHODS, CardReplaced::customerId),
            new EventType<>(CardRemoved.class, "card", 1, Topics.PAYMENT_METHODS, CardRemoved::customerId),
            new EventType<>(CardExpiring.class, "card", 1, Topics.PAYMENT_METHODS, CardExpiring::customerId),
            new EventType<>(CustomerCreated.class, "customer", 1, Topics.CUSTOMERS, CustomerCreated::customerId),
            new EventType<>(
                    CustomerDetailsChanged.class, "customer", 1, Topics.CUSTOMERS, CustomerDetailsChanged::customerId),
            new EventType<>(
                    MerchantSettingsChanged.class,
                    "merchant",
                    1,
                    Topics.MERCHANTS,
                    MerchantSettingsChanged::merchantId));

    private static final Map<String, EventType<?>> BY_TYPE_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::typeName, Function.identity()));

    private static final Map<Class<?>, EventType<?>> BY_CLASS =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::payloadType, Function.identity()));

    private EventCatalog() {}

    public static Optional<EventType<?>> byTypeName(String typeName) {
        return Optional.ofNullable(BY_TYPE_NAME.get(typeName));
    }

    @SuppressWarnings("unchecked")
    public static <T> EventType<T> of(Class<T> payloadType) {
        EventType<?> type = BY_CLASS.get(payloadType);
        if (type == null) {
            throw new IllegalArgumentException(payloadType.getName() + " is not an event of the contract");
        }
        return (EventType<T>) type;
    }
}

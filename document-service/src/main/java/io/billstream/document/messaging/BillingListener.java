package io.billstream.document.messaging;

import io.billstream.document.copy.OrderCopies;
import io.billstream.document.issuing.Issuing;
import io.billstream.events.Topics;
import io.billstream.events.billing.BillingEventMerged;
import io.billstream.events.billing.BillingEventRescheduled;
import io.billstream.events.billing.BillingEventScheduled;
import io.billstream.events.billing.BillingEventSkipped;
import io.billstream.events.billing.CreditIssued;
import io.billstream.events.billing.PaymentApproved;
import io.billstream.events.billing.PaymentDeclined;
import io.billstream.events.billing.RefundIssued;
import io.billstream.platform.inbox.EventListener;
import io.billstream.platform.inbox.ReceivedEvent;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** billing-service's outcomes: the documents they call for, and the order history order summaries show. */
@Component
@KafkaListener(topics = Topics.BILLING)
class BillingListener extends EventListener {

    private final OrderCopies orders;
    private final Issuing issuing;

    BillingListener(OrderCopies orders, Issuing issuing) {
        this.orders = orders;
        this.issuing = issuing;
    }

    @KafkaHandler
    void on(BillingEventScheduled event) {
        orders.scheduled(event);
    }

    @KafkaHandler
    void on(BillingEventRescheduled event) {
        orders.rescheduled(event);
    }

    @KafkaHandler
    void on(BillingEventSkipped event) {
        orders.status(event.billingEventId(), "SKIPPED");
    }

    @KafkaHandler
    void on(BillingEventMerged event) {
        orders.merged(event);
    }

    @KafkaHandler
    void on(PaymentApproved event) {
        if (event.transactionType().collectsMoney()) {
            orders.approved(event);
        }
        issuing.paymentApproved(ReceivedEvent.current().merchantId(), event);
    }

    @KafkaHandler
    void on(PaymentDeclined event) {
        orders.declined(event);
    }

    @KafkaHandler
    void on(RefundIssued event) {
        orders.refunded(event);
        issuing.refundIssued(ReceivedEvent.current().merchantId(), event);
    }

    @KafkaHandler
    void on(CreditIssued event) {
        issuing.creditIssued(ReceivedEvent.current().merchantId(), event);
    }
}

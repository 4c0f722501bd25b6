package io.billstream.order.order.messaging;

import io.billstream.events.Topics;
import io.billstream.order.order.OrderBilling;
import io.billstream.platform.inbox.ReceivedEvent;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Billing-service's events, each applied to its order in the order's sequence. Every type goes to the order, also
 * one order-service has no use for or does not know yet: it still takes its place in the sequence, without which the
 * next event of the order would wait for it forever.
 */
@Component
@KafkaListener(topics = Topics.BILLING)
class BillingListener {

    private final OrderBilling billing;

    BillingListener(OrderBilling billing) {
        this.billing = billing;
    }

    @KafkaHandler(isDefault = true)
    void on(Object event) {
        billing.apply(ReceivedEvent.current(), event);
    }
}

package io.billstream.billing.billingevent.messaging;

import io.billstream.billing.billingevent.Schedules;
import io.billstream.events.Topics;
import io.billstream.platform.inbox.ReceivedEvent;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Order-service's order events, each applied to its order copy in the order's sequence. Every type goes to the copy,
 * also one billing-service has no use for: it still takes its place in the sequence.
 */
@Component
@KafkaListener(topics = Topics.ORDERS)
class OrderListener {

    private final Schedules schedules;

    OrderListener(Schedules schedules) {
        this.schedules = schedules;
    }

    @KafkaHandler(isDefault = true)
    void on(Object event) {
        schedules.apply(ReceivedEvent.current(), event);
    }
}

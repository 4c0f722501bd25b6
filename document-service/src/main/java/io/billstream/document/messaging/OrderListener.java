package io.billstream.document.messaging;

import io.billstream.document.copy.OrderCopies;
import io.billstream.events.Topics;
import io.billstream.events.order.OrderCreated;
import io.billstream.platform.inbox.EventListener;
import io.billstream.platform.inbox.ReceivedEvent;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
@KafkaListener(topics = Topics.ORDERS)
class OrderListener extends EventListener {

    private final OrderCopies orders;

    OrderListener(OrderCopies orders) {
        this.orders = orders;
    }

    @KafkaHandler
    void on(OrderCreated event) {
        orders.created(ReceivedEvent.current().merchantId(), event);
    }
}

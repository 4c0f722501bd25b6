package io.billstream.portal.order;

import io.billstream.events.Topics;
import io.billstream.events.order.OrderCreated;
import io.billstream.events.order.OrderStatusChanged;
import io.billstream.platform.inbox.EventListener;
import io.billstream.platform.inbox.ReceivedEvent;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds the {@link OrderCopies} from order-service's events. */
@Component
@KafkaListener(topics = Topics.ORDERS)
class OrderListener extends EventListener {

    private final OrderCopies orders;

    OrderListener(OrderCopies orders) {
        this.orders = orders;
    }

    @KafkaHandler
    void on(OrderCreated event) {
        ReceivedEvent received = ReceivedEvent.current();
        orders.created(
                event.orderId(), received.merchantId(), event.customerId(), event.reference(), received.sequence());
    }

    @KafkaHandler
    void on(OrderStatusChanged event) {
        orders.statusChanged(
                event.orderId(), event.to(), ReceivedEvent.current().sequence());
    }
}

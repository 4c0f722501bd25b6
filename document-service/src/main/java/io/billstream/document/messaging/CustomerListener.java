package io.billstream.document.messaging;

import io.billstream.document.copy.CustomerCopies;
import io.billstream.events.Topics;
import io.billstream.events.customer.CustomerCreated;
import io.billstream.events.customer.CustomerDetailsChanged;
import io.billstream.platform.inbox.EventListener;
import io.billstream.platform.inbox.ReceivedEvent;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
@KafkaListener(topics = Topics.CUSTOMERS)
class CustomerListener extends EventListener {

    private final CustomerCopies customers;

    CustomerListener(CustomerCopies customers) {
        this.customers = customers;
    }

    @KafkaHandler
    void on(CustomerCreated event) {
        ReceivedEvent received = ReceivedEvent.current();
        customers.changed(received.merchantId(), event.customerId(), event.details(), received.sequence());
    }

    @KafkaHandler
    void on(CustomerDetailsChanged event) {
        ReceivedEvent received = ReceivedEvent.current();
        customers.changed(received.merchantId(), event.customerId(), event.details(), received.sequence());
    }
}

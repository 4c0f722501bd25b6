package io.billstream.portal.directory;

import io.billstream.events.Topics;
import io.billstream.events.customer.CustomerCreated;
import io.billstream.events.customer.CustomerDetailsChanged;
import io.billstream.events.merchant.MerchantSettingsChanged;
import io.billstream.platform.inbox.EventListener;
import io.billstream.platform.inbox.ReceivedEvent;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The events that feed the {@link Directory}. */
final class DirectoryListeners {

    private DirectoryListeners() {}

    @Component
    @KafkaListener(topics = Topics.MERCHANTS)
    static class MerchantListener extends EventListener {

        private final Directory directory;

        MerchantListener(Directory directory) {
            this.directory = directory;
        }

        @KafkaHandler
        void on(MerchantSettingsChanged event) {
            directory.merchantChanged(
                    event.merchantId(),
                    event.settings(),
                    ReceivedEvent.current().sequence());
        }
    }

    @Component
    @KafkaListener(topics = Topics.CUSTOMERS)
    static class CustomerListener extends EventListener {

        private final Directory directory;

        CustomerListener(Directory directory) {
            this.directory = directory;
        }

        @KafkaHandler
        void on(CustomerCreated event) {
            ReceivedEvent received = ReceivedEvent.current();
            directory.customerCreated(
                    received.merchantId(),
                    event.customerId(),
                    event.details().email(),
                    event.createdAt(),
                    received.sequence());
        }

        @KafkaHandler
        void on(CustomerDetailsChanged event) {
            directory.customerChanged(
                    event.customerId(),
                    event.details().email(),
                    ReceivedEvent.current().sequence());
        }
    }
}

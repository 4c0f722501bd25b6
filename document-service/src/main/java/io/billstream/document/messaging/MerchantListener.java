package io.billstream.document.messaging;

import io.billstream.document.copy.MerchantCopies;
import io.billstream.events.Topics;
import io.billstream.events.merchant.MerchantSettingsChanged;
import io.billstream.platform.inbox.EventListener;
import io.billstream.platform.inbox.ReceivedEvent;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
@KafkaListener(topics = Topics.MERCHANTS)
class MerchantListener extends EventListener {

    private final MerchantCopies merchants;

    MerchantListener(MerchantCopies merchants) {
        this.merchants = merchants;
    }

    @KafkaHandler
    void on(MerchantSettingsChanged event) {
        merchants.changed(event, ReceivedEvent.current().sequence());
    }
}

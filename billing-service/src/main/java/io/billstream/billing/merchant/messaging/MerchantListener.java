package io.billstream.billing.merchant.messaging;

import io.billstream.billing.merchant.MerchantZones;
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

    private final MerchantZones zones;

    MerchantListener(MerchantZones zones) {
        this.zones = zones;
    }

    @KafkaHandler
    void on(MerchantSettingsChanged event) {
        zones.changed(event, ReceivedEvent.current().sequence());
    }
}

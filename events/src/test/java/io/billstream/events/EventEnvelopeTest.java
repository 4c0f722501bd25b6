package io.billstream.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventEnvelopeTest {

    private final EventEnvelope envelope = new EventEnvelope(
            UUID.randomUUID(),
            EventEnvelope.sourceOf("billing-service"),
            EventCatalog.of(io.billstream.events.billing.PaymentDeclined.class).typeName(),
            Instant.parse("2026-11-21T09:00:04Z"),
            UUID.randomUUID().toString(),
            UUID.randomUUID(),
            7,
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

    @Test
    void survivesTheTripThroughACloudEvent() {
        CloudEvent event = envelope.toCloudEvent(new byte[] {'{', '}'});

        assertThat(event.getType()).isEqualTo("io.billstream.billing.PaymentDeclined.v1");
        assertThat(event.getSource()).hasToString("/billstream/billing-service");
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        assertThat(event.getExtension("merchantid"))
                .isEqualTo(envelope.merchantId().toString());
        assertThat(EventEnvelope.of(event)).isEqualTo(envelope);
    }

    @Test
    void anEventWithoutMerchantIsRefused() {
        CloudEvent withoutMerchant = CloudEventBuilder.v1(envelope.toCloudEvent(new byte[0]))
                .withoutExtension(EventEnvelope.MERCHANT_ID)
                .build();

        assertThatThrownBy(() -> EventEnvelope.of(withoutMerchant)).hasMessageContaining("'merchantid'");
    }

    @Test
    void sequencesStartAtOne() {
        assertThatThrownBy(() -> new EventEnvelope(
                        envelope.id(),
                        envelope.source(),
                        envelope.type(),
                        envelope.time(),
                        envelope.subject(),
                        envelope.merchantId(),
                        0,
                        null))
                .hasMessageContaining("sequence starts at 1");
    }

    @Test
    void typeNamesAreLogicalNamesNeverJavaClassNames() {
        assertThat(EventCatalog.ALL)
                .allSatisfy(type -> assertThat(type.typeName())
                        .matches("io\\.billstream\\.[a-z-]+\\.[A-Z][A-Za-z]+\\.v[0-9]+")
                        .doesNotContain(type.payloadType().getPackageName()));
        assertThat(EventCatalog.byTypeName("io.billstream.billing.PaymentDeclined.v1"))
                .hasValueSatisfying(type -> assertThat(type.topic()).isEqualTo(Topics.BILLING));
    }
}

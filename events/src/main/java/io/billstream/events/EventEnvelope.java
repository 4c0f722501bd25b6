package io.billstream.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;

/**
 * The CloudEvents 1.0 attributes every Billstream event carries. In Kafka binary mode they travel as headers
 * ({@code ce_id}, {@code ce_source}, {@code ce_type}, {@code ce_time}, {@code ce_subject}, {@code ce_merchantid},
 * {@code ce_sequence}, {@code ce_traceparent}) and the record value is the JSON body.
 *
 * @param id the event id; consumers apply an id once
 * @param source {@code /billstream/<service>}
 * @param type the logical type name, see {@link EventType#typeName()}
 * @param subject the aggregate id, also the Kafka key
 * @param merchantId the tenant the event belongs to
 * @param sequence position of the event among its aggregate's events, from 1 and without gaps
 * @param traceparent W3C trace context of the change that caused the event, or null
 */
public record EventEnvelope(
        UUID id,
        URI source,
        String type,
        Instant time,
        String subject,
        UUID merchantId,
        long sequence,
        @OptionalField String traceparent) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";
    public static final String MERCHANT_ID = "merchantid";
    public static final String SEQUENCE = "sequence";
    public static final String TRACEPARENT = "traceparent";

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(merchantId, "merchantId");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1, was " + sequence);
        }
    }

    public static URI sourceOf(String service) {
        return URI.create("/billstream/" + service);
    }

    public CloudEvent toCloudEvent(byte[] jsonBody) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(id.toString())
                .withSource(source)
                .withType(type)
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withSubject(subject)
                .withDataContentType(CONTENT_TYPE)
                .withExtension(MERCHANT_ID, merchantId.toString())
                // CloudEvents integers are 32 bits; the sequence is carried as its decimal string.
                .withExtension(SEQUENCE, Long.toString(sequence))
                .withData(jsonBody);
        if (traceparent != null) {
            builder.withExtension(TRACEPARENT, traceparent);
        }
        return builder.build();
    }

    /** Reads the envelope of a received event, refusing one that lacks an attribute the contract requires. */
    public static EventEnvelope of(CloudEvent event) {
        return new EventEnvelope(
                UUID.fromString(event.getId()),
                event.getSource(),
                event.getType(),
                Objects.requireNonNull(event.getTime(), "time").toInstant(),
                event.getSubject(),
                UUID.fromString(String.valueOf(required(event, MERCHANT_ID))),
                Long.parseLong(String.valueOf(required(event, SEQUENCE))),
                event.getExtension(TRACEPARENT) == null ? null : String.valueOf(event.getExtension(TRACEPARENT)));
    }

    private static Object required(CloudEvent event, String extension) {
        Object value = event.getExtension(extension);
        if (value == null) {
            throw new IllegalArgumentException("event " + event.getId() + " lacks the '" + extension + "' attribute");
        }
        return value;
    }
}

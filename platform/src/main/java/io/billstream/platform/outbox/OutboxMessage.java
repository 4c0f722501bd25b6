package io.billstream.platform.outbox;

import io.billstream.events.EventEnvelope;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * An event as the outbox stores it until Kafka has acknowledged it: the envelope, the topic and key, and the body
 * already serialised, so that relaying it needs no knowledge of the event's record class. The outbox library stores
 * this record's class name with each row; keep the name and package stable.
 */
record OutboxMessage(
        UUID eventId,
        String source,
        String type,
        Instant time,
        String topic,
        String key,
        UUID merchantId,
        long sequence,
        String traceparent,
        String requestId,
        String body) {

    EventEnvelope envelope() {
        return new EventEnvelope(eventId, URI.create(source), type, time, key, merchantId, sequence, traceparent);
    }
}

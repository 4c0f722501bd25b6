package io.billstream.platform.outbox;

import io.billstream.events.EventCatalog;
import io.billstream.events.EventEnvelope;
import io.billstream.events.EventJson;
import io.billstream.events.EventType;
import io.billstream.platform.tracing.RequestIdFilter;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.namastack.outbox.Outbox;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes events of the contract. An event is stored in the outbox inside the caller's transaction, beside the
 * state change it reports, and relayed to Kafka once that transaction commits; a rolled-back change publishes
 * nothing. Calling it outside a transaction is a programming error and fails.
 */
public class EventPublisher {

    private final Outbox outbox;
    private final EventSequences sequences;
    private final Clock clock;
    private final String source;
    private final Tracer tracer;

    EventPublisher(
            Outbox outbox, EventSequences sequences, Clock clock, String serviceName, ObjectProvider<Tracer> tracer) {
        this.outbox = outbox;
        this.sequences = sequences;
        this.clock = clock;
        this.source = EventEnvelope.sourceOf(serviceName).toString();
        // Resolved once: looking a bean up per event costs a quarter of the publishing time.
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
    }

    /**
     * Stores {@code event} for publication on its topic, keyed by its aggregate id.
     *
     * @return the event id, as consumers will see it in {@code ce_id}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID publish(UUID merchantId, Object event) {
        EventType<?> type = EventCatalog.of(event.getClass());
        String key = type.keyOfUnchecked(event).toString();
        OutboxMessage message = new OutboxMessage(
                UUID.randomUUID(),
                source,
                type.typeName(),
                clock.instant(),
                type.topic(),
                key,
                merchantId,
                sequences.next(type.topic(), key, merchantId),
                currentTraceparent(),
                MDC.get(RequestIdFilter.MDC_KEY),
                new String(EventJson.write(event), StandardCharsets.UTF_8));
        outbox.schedule(message, key);
        return message.eventId();
    }

    private String currentTraceparent() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        var context = span.context();
        return "00-" + context.traceId() + "-" + context.spanId() + "-"
                + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
    }
}

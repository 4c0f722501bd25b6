package io.billstream.platform.outbox;

import io.billstream.events.EventEnvelope;
import io.billstream.platform.crash.CrashPoints;
import io.billstream.platform.tracing.RequestIdFilter;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.namastack.outbox.handler.OutboxRecordMetadata;
import io.namastack.outbox.handler.OutboxTypedHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends each stored event to Kafka as a CloudEvent in binary mode and returns only once the broker has acknowledged
 * it ({@code acks=all}). An exception leaves the row in the outbox for a later retry; the outbox hands the events of
 * one key over one at a time, in the order they were stored, so a retry never overtakes a later event.
 */
class KafkaRelay implements OutboxTypedHandler<OutboxMessage> {

    static final String TRACEPARENT_HEADER = "traceparent";

    private final KafkaTemplate<String, byte[]> kafka;
    private final Duration sendTimeout;
    private final CrashPoints crashPoints;

    KafkaRelay(KafkaTemplate<String, byte[]> kafka, Duration sendTimeout, CrashPoints crashPoints) {
        this.kafka = kafka;
        this.sendTimeout = sendTimeout;
        this.crashPoints = crashPoints;
    }

    @Override
    public void handle(OutboxMessage message, OutboxRecordMetadata metadata) {
        EventEnvelope envelope = message.envelope();
        ProducerRecord<String, byte[]> record = KafkaMessageFactory.<String>createWriter(message.topic(), message.key())
                .writeBinary(envelope.toCloudEvent(message.body().getBytes(StandardCharsets.UTF_8)));
        if (message.traceparent() != null) {
            record.headers().add(TRACEPARENT_HEADER, message.traceparent().getBytes(StandardCharsets.UTF_8));
        }
        if (message.requestId() != null) {
            record.headers().add(RequestIdFilter.HEADER, message.requestId().getBytes(StandardCharsets.UTF_8));
        }
        try {
            kafka.send(record).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
            // Kafka has the event and the outbox still holds it: it is sent again, under the same event id.
            crashPoints.reach("outbox.after-send");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while relaying event " + message.eventId(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge event " + message.eventId(), e);
        }
    }
}

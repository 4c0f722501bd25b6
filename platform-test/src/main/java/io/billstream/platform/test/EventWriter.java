package io.billstream.platform.test;

import io.billstream.events.EventCatalog;
import io.billstream.events.EventEnvelope;
import io.billstream.events.EventJson;
import io.billstream.events.EventType;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes events of the contract as another service would, CloudEvents in binary mode with a gap-free sequence per
 * subject, so that a consumer test feeds a service its producers' events on the real broker. Records can be sent
 * again, out of order or not at all, to show what the consumer does with redelivery and gaps. Every record made counts
 * as committed by its owner: {@link StandInOwners} answers with it when the service asks how far a subject has gone.
 */
public final class EventWriter implements AutoCloseable {

    private final String service;
    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, Long> sequences = new HashMap<>();

    /** Writes as {@code service}, such as {@code billing-service}, which becomes the events' {@code ce_source}. */
    public EventWriter(String service) {
        this(service, TestInfrastructure.kafka());
    }

    /** Writes as {@code service} to {@code kafka} instead of the test run's shared broker. */
    public EventWriter(String service, KafkaServer kafka) {
        this.service = service;
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /** The record of {@code event} as the next event of its subject, with a new event id; not sent yet. */
    public ProducerRecord<String, byte[]> next(UUID merchantId, Object event) {
        EventType<?> type = EventCatalog.of(event.getClass());
        String subject = type.keyOfUnchecked(event).toString();
        long sequence = sequences.merge(type.topic() + " " + subject, 1L, Long::sum);
        return record(service, UUID.randomUUID(), merchantId, sequence, event);
    }

    /** Sends {@code record} and waits until the broker has it. */
    public void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not send to " + record.topic(), e);
        }
    }

    /** Sends {@code event} as the next event of its subject. */
    public void publish(UUID merchantId, Object event) {
        send(next(merchantId, event));
    }

    /** The record of {@code event} with the given envelope, on the event's topic and keyed by its subject. */
    public static ProducerRecord<String, byte[]> record(
            String service, UUID eventId, UUID merchantId, long sequence, Object event) {
        EventType<?> type = EventCatalog.of(event.getClass());
        String subject = type.keyOfUnchecked(event).toString();
        StandInOwners.published(type.topic(), subject, merchantId, sequence);
        EventEnvelope envelope = new EventEnvelope(
                eventId,
                EventEnvelope.sourceOf(service),
                type.typeName(),
                Instant.now(),
                subject,
                merchantId,
                sequence,
                null);
        return KafkaMessageFactory.<String>createWriter(type.topic(), subject)
                .writeBinary(envelope.toCloudEvent(EventJson.write(event)));
    }

    @Override
    public void close() {
        producer.close();
    }
}

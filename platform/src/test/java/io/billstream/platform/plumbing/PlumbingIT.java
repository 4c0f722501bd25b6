package io.billstream.platform.plumbing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.billstream.events.EventEnvelope;
import io.billstream.events.EventJson;
import io.billstream.events.Topics;
import io.billstream.events.order.OrderCreated;
import io.billstream.platform.inbox.DeadLetters;
import io.billstream.platform.plumbing.PlumbingTestApplication.OrderListener;
import io.billstream.platform.plumbing.PlumbingTestApplication.Orders;
import io.billstream.platform.test.EventWriter;
import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.TopicReader;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/** The promises of the outbox and the inbox, kept with a real PostgreSQL and a real Kafka broker. */
@SpringBootTest(classes = PlumbingTestApplication.class)
@RealInfrastructure
class PlumbingIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    Orders orders;

    @Autowired
    OrderListener listener;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    DeadLetters deadLetters;

    @Autowired
    MeterRegistry meters;

    private final UUID merchantId = UUID.randomUUID();

    @Test
    void aStateChangeAndItsEventCommitTogetherAndReachKafkaAsACloudEvent() {
        UUID orderId = UUID.randomUUID();
        UUID eventId = orders.create(merchantId, orderId, "ORD-1", false);

        assertThat(rowsOf("orders", orderId)).isOne();
        try (TopicReader reader = new TopicReader(Topics.ORDERS)) {
            ConsumerRecord<String, byte[]> record = reader.readUntil(keyed(orderId, 1), WAIT).stream()
                    .filter(r -> r.key().equals(orderId.toString()))
                    .findFirst()
                    .orElseThrow();
            EventEnvelope envelope =
                    EventEnvelope.of(KafkaMessageFactory.createReader(record).toEvent());
            assertThat(envelope.id()).isEqualTo(eventId);
            assertThat(envelope.type()).isEqualTo("io.billstream.order.OrderCreated.v1");
            assertThat(envelope.source()).hasToString("/billstream/plumbing-test");
            assertThat(envelope.subject()).isEqualTo(orderId.toString());
            assertThat(envelope.merchantId()).isEqualTo(merchantId);
            assertThat(envelope.sequence()).isEqualTo(1);
            assertThat(EventJson.read(record.value(), OrderCreated.class).reference())
                    .isEqualTo("ORD-1");
        }
        await().atMost(WAIT).until(() -> appliedCount(orderId) == 1);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                meters.get("billstream.outbox.pending").gauge().value())
                        .as("the outbox is empty once Kafka acknowledged everything")
                        .isZero());
    }

    @Test
    void aRolledBackChangePublishesNothing() {
        UUID orderId = UUID.randomUUID();
        assertThatThrownBy(() -> orders.create(merchantId, orderId, "ORD-ROLLED-BACK", true))
                .isInstanceOf(IllegalStateException.class);
        // A later change of the same key travels the same partition: had the first event escaped, it would come first.
        orders.create(merchantId, UUID.randomUUID(), "ORD-UNRELATED", false);
        UUID sameKeyOrder = orderId;
        orders.create(merchantId, sameKeyOrder, "ORD-RETRIED", false);

        assertThat(rowsOf("orders", orderId)).isOne();
        try (TopicReader reader = new TopicReader(Topics.ORDERS)) {
            List<ConsumerRecord<String, byte[]>> ofOrder = reader.readUntil(keyed(orderId, 1), WAIT).stream()
                    .filter(r -> r.key().equals(orderId.toString()))
                    .toList();
            assertThat(ofOrder)
                    .singleElement()
                    .satisfies(record -> assertThat(EventJson.read(record.value(), OrderCreated.class)
                                    .reference())
                            .isEqualTo("ORD-RETRIED"));
            assertThat(new String(
                            ofOrder.getFirst()
                                    .headers()
                                    .lastHeader("ce_sequence")
                                    .value(),
                            UTF_8))
                    .as("the rolled-back event took no sequence number")
                    .isEqualTo("1");
        }
    }

    @Test
    void anEventRedeliveredFiveTimesIsAppliedOnce() {
        UUID orderId = UUID.randomUUID();
        ProducerRecord<String, byte[]> record = cloudEvent(UUID.randomUUID(), orderId, "ORD-REDELIVERED", 1);
        for (int delivery = 0; delivery < 5; delivery++) {
            kafka.send(record);
        }
        kafka.flush();
        // A different event after the five copies marks when the listener has seen all of them.
        UUID markerOrder = UUID.randomUUID();
        kafka.send(cloudEvent(UUID.randomUUID(), markerOrder, "ORD-MARKER", 1));

        await().atMost(WAIT).until(() -> appliedCount(markerOrder) == 1);
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> appliedCount(orderId) == 1);
    }

    @Test
    void eventsOfOneKeyArriveInTheOrderTheyWereCommitted() {
        UUID orderId = UUID.randomUUID();
        int events = 100;
        List<Thread> others = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // Other keys publish at the same time; they must not disturb the order of this one.
            others.add(Thread.ofVirtual()
                    .start(() -> IntStream.range(0, 25)
                            .forEach(n -> orders.create(merchantId, UUID.randomUUID(), "ORD-OTHER", false))));
        }
        for (int n = 1; n <= events; n++) {
            orders.create(merchantId, orderId, "ORD-SEQ-" + n, false);
        }
        others.forEach(PlumbingIT::join);

        try (TopicReader reader = new TopicReader(Topics.ORDERS)) {
            List<String> references = reader.readUntil(keyed(orderId, events), WAIT).stream()
                    .filter(r -> r.key().equals(orderId.toString()))
                    .map(r -> EventJson.read(r.value(), OrderCreated.class).reference())
                    .toList();
            assertThat(references)
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, events)
                            .mapToObj(n -> "ORD-SEQ-" + n)
                            .toList());
        }
    }

    @Test
    void aPoisonMessageIsDeadLetteredAndTheConsumerGoesOn() {
        UUID poisonOrder = UUID.randomUUID();
        ProducerRecord<String, byte[]> poison = cloudEvent(UUID.randomUUID(), poisonOrder, "ignored", 1);
        kafka.send(new ProducerRecord<>(
                poison.topic(), null, poison.key(), "{not json".getBytes(UTF_8), poison.headers()));
        UUID nextOrder = UUID.randomUUID();
        orders.create(merchantId, nextOrder, "ORD-AFTER-POISON", false);

        await().atMost(WAIT).until(() -> appliedCount(nextOrder) == 1);
        try (TopicReader reader = new TopicReader(deadLetters.topicFor(Topics.ORDERS))) {
            assertThat(reader.readUntil(keyed(poisonOrder, 1), WAIT))
                    .anySatisfy(record -> assertThat(new String(
                                    record.headers()
                                            .lastHeader("kafka_dlt-exception-message")
                                            .value(),
                                    UTF_8))
                            .contains("is not a valid io.billstream.order.OrderCreated.v1"));
        }
        assertThat(meters.find("billstream.inbox.dead.letters").counters())
                .as("dead letters are counted for alerting")
                .anySatisfy(counter -> assertThat(counter.count()).isPositive());
    }

    @Test
    void anEventTheListenerKeepsRefusingIsDeadLetteredAndAppliedOnceWhenReplayed() {
        UUID refusedOrder = UUID.randomUUID();
        orders.create(merchantId, refusedOrder, PlumbingTestApplication.REFUSED + "-1", false);
        UUID nextOrder = UUID.randomUUID();
        orders.create(merchantId, nextOrder, "ORD-AFTER-REFUSED", false);

        await().atMost(WAIT).until(() -> appliedCount(nextOrder) == 1);
        try (TopicReader reader = new TopicReader(deadLetters.topicFor(Topics.ORDERS))) {
            reader.readUntil(keyed(refusedOrder, 1), WAIT);
        }
        assertThat(appliedCount(refusedOrder)).isZero();

        listener.acceptRefused.set(true);
        try {
            assertThat(deadLetters.replay(Topics.ORDERS)).isPositive();
            await().atMost(WAIT).until(() -> appliedCount(refusedOrder) == 1);
            assertThat(deadLetters.replay(Topics.ORDERS))
                    .as("each dead letter is replayed once")
                    .isZero();
        } finally {
            listener.acceptRefused.set(false);
        }
    }

    @Test
    void anEventWaitingForAnotherTopicIsRetriedBeyondTheUsualRetriesAndAppliedOnceItArrives() {
        UUID awaiting = UUID.randomUUID();
        orders.create(merchantId, awaiting, PlumbingTestApplication.AWAITING + "-1", false);
        try {
            try (TopicReader reader = new TopicReader(deadLetters.topicFor(Topics.ORDERS))) {
                // Five retries from 200 ms doubling take about 6 s; this waits longer.
                assertThat(reader.readFor(Duration.ofSeconds(9)).stream()
                                .filter(record -> awaiting.toString().equals(record.key())))
                        .as("not dead-lettered while what it needs may still come")
                        .isEmpty();
            }
            assertThat(appliedCount(awaiting)).isZero();

            listener.awaitedArrived.set(true);

            await().atMost(WAIT).until(() -> appliedCount(awaiting) == 1);
        } finally {
            listener.awaitedArrived.set(false);
        }
    }

    @Test
    void anEventTheListenerDoesNotHandleIsAcknowledgedButNotRecordedAsApplied() {
        UUID unknownEventId = UUID.randomUUID();
        ProducerRecord<String, byte[]> known = cloudEvent(unknownEventId, UUID.randomUUID(), "ORD-FUTURE", 1);
        known.headers().remove("ce_type");
        known.headers().add("ce_type", "io.billstream.order.OrderArchived.v1".getBytes(UTF_8));
        kafka.send(known);
        UUID nextOrder = UUID.randomUUID();
        orders.create(merchantId, nextOrder, "ORD-AFTER-UNKNOWN", false);

        await().atMost(WAIT).until(() -> appliedCount(nextOrder) == 1);
        assertThat(jdbc.sql("SELECT count(*) FROM platform.inbox WHERE event_id = ?")
                        .param(unknownEventId)
                        .query(Long.class)
                        .single())
                .as("a newer listener that handles it may still apply it")
                .isZero();
    }

    private ProducerRecord<String, byte[]> cloudEvent(UUID eventId, UUID orderId, String reference, long sequence) {
        return EventWriter.record(
                "plumbing-test", eventId, merchantId, sequence, orders.orderCreated(orderId, reference));
    }

    private static java.util.function.Predicate<List<ConsumerRecord<String, byte[]>>> keyed(UUID key, int count) {
        return records ->
                records.stream().filter(r -> key.toString().equals(r.key())).count() >= count;
    }

    private long appliedCount(UUID orderId) {
        return jdbc.sql("SELECT count(*) FROM applied_event WHERE order_id = ?")
                .param(orderId)
                .query(Long.class)
                .single();
    }

    private long rowsOf(String table, UUID id) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE id = ?")
                .param(id)
                .query(Long.class)
                .single();
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.billstream.platform.test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from its first offset as an outside team would, with a consumer group of its own, to check what
 * really reached Kafka.
 */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    public TopicReader(String topic) {
        this(List.of(topic));
    }

    /** Reads every record of {@code topics} from their beginning. */
    public TopicReader(List<String> topics) {
        this(topics, TestInfrastructure.kafka());
    }

    /** Reads every record of {@code topics} of {@code kafka}, instead of the test run's shared broker. */
    public TopicReader(List<String> topics, KafkaServer kafka) {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "topic-reader-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        // Topics of a whole test run hold tens of thousands of records; read them in large polls.
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        10_000),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(topics);
    }

    /** Polls until {@code done} holds for the records seen so far, or fails after {@code timeout}. */
    public List<ConsumerRecord<String, byte[]>> readUntil(
            Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!done.test(seen)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(
                        "after " + timeout + " the topic held only " + seen.size() + " matching records");
            }
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        }
        return List.copyOf(seen);
    }

    /** The first {@code count} records of {@code key} on {@code topic}, in order; fails after 60 seconds. */
    public static List<ConsumerRecord<String, byte[]>> recordsOf(String topic, UUID key, int count) {
        try (TopicReader reader = new TopicReader(topic)) {
            return reader
                    .readUntil(
                            records -> records.stream()
                                            .filter(record -> key.toString().equals(record.key()))
                                            .count()
                                    >= count,
                            Duration.ofSeconds(60))
                    .stream()
                    .filter(record -> key.toString().equals(record.key()))
                    .toList();
        }
    }

    /**
     * Every record on the topics up to their ends as they are now, however many there are: for scanning what was
     * published. Fails after {@code timeout}.
     */
    public List<ConsumerRecord<String, byte[]>> readToEnd(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (consumer.assignment().isEmpty()) {
            poll(deadline);
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            poll(deadline);
        }
        return List.copyOf(seen);
    }

    private void poll(Instant deadline) {
        if (Instant.now().isAfter(deadline)) {
            throw new AssertionError("the topics were not read to their end in time; " + seen.size() + " records read");
        }
        consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
    }

    /** Every record that arrives within {@code window}: for checking that something was not published. */
    public List<ConsumerRecord<String, byte[]>> readFor(Duration window) {
        Instant deadline = Instant.now().plus(window);
        while (Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        }
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        consumer.close();
    }
}

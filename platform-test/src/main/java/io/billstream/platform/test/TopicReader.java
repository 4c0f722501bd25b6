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
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        TestInfrastructure.kafka().bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "topic-reader-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
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

    /** The first {@code count} records of {@code key} on {@code topic}, in order; fails after 30 seconds. */
    public static List<ConsumerRecord<String, byte[]>> recordsOf(String topic, UUID key, int count) {
        try (TopicReader reader = new TopicReader(topic)) {
            return reader
                    .readUntil(
                            records -> records.stream()
                                            .filter(record -> key.toString().equals(record.key()))
                                            .count()
                                    >= count,
                            Duration.ofSeconds(30))
                    .stream()
                    .filter(record -> key.toString().equals(record.key()))
                    .toList();
        }
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

package io.billstream.platform.inbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The dead letters of this service's consumer group, and their replay. A dead letter goes back onto its original
 * topic with its key and CloudEvent headers; consumers that applied the event already skip it through their inbox,
 * and this service applies it once, now that its cause is fixed. Each dead letter is replayed once: the replay keeps
 * its position in a consumer group of its own.
 */
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final ConsumerFactory<String, byte[]> consumers;
    private final KafkaTemplate<String, byte[]> kafka;
    private final String group;

    DeadLetters(ConsumerFactory<String, byte[]> consumers, KafkaTemplate<String, byte[]> kafka, String group) {
        this.consumers = consumers;
        this.kafka = kafka;
        this.group = group;
    }

    /** Where this service's consumer group puts the events of {@code topic} it could not apply. */
    public static String topicFor(String topic, String group) {
        return topic + "." + group + "-dlt";
    }

    public String topicFor(String topic) {
        return topicFor(topic, group);
    }

    /**
     * Sends every dead letter of {@code topic} not replayed before back to {@code topic}, for this service's default
     * consumer group.
     *
     * @return how many were replayed
     */
    public int replay(String topic) {
        return replay(topic, group);
    }

    /**
     * Sends every dead letter that consumer group {@code consumerGroup} parked for {@code topic}, and that was not
     * replayed before, back to {@code topic}. They arrive after newer events of their keys; consumers that need strict
     * order per key hold such keys until the replay.
     *
     * @return how many were replayed
     */
    public int replay(String topic, String consumerGroup) {
        String deadLetterTopic = topicFor(topic, consumerGroup);
        int replayed = 0;
        Properties fromTheStart = new Properties();
        fromTheStart.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        fromTheStart.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (Consumer<String, byte[]> consumer =
                consumers.createConsumer(consumerGroup + "-dlt-replay", null, null, fromTheStart)) {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                for (ConsumerRecord<String, byte[]> record : records) {
                    send(topic, record);
                    replayed++;
                }
                consumer.commitSync();
            }
        }
        log.info("Replayed dead letters topic='{}' count='{}'", topic, replayed);
        return replayed;
    }

    private void send(String topic, ConsumerRecord<String, byte[]> deadLetter) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, deadLetter.key(), deadLetter.value());
        for (Header header : deadLetter.headers()) {
            // The kafka_dlt-* headers describe the failure, not the event.
            if (!header.key().startsWith("kafka_dlt-")) {
                record.headers().add(header);
            }
        }
        try {
            // Longer than the producer's delivery.timeout.ms, so a send that may still succeed is never sent twice.
            kafka.send(record).get(45, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying dead letters of " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge a replayed dead letter of " + topic, e);
        }
    }
}

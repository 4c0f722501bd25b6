package io.billstream.platform.test;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.kafka.KafkaContainer;

/** A running Kafka broker in KRaft mode. */
public interface KafkaServer extends AutoCloseable {

    /**
     * Broker settings shared by every way of running it: topics appear on first use with several partitions, so
     * that ordering per key is really exercised, and a single broker can hold the internal topics.
     */
    Map<String, String> BROKER_SETTINGS = Map.of(
            "auto.create.topics.enable", "true",
            "num.partitions", "3",
            "offsets.topic.replication.factor", "1",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "min.insync.replicas", "1",
            "group.initial.rebalance.delay.ms", "0");

    String bootstrapServers();

    @Override
    void close();

    /** A real broker inside this JVM (Kafka's own KRaft test kit, as spring-kafka-test runs it). */
    static KafkaServer embedded() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerProperties(BROKER_SETTINGS);
        broker.afterPropertiesSet();
        return new KafkaServer() {
            @Override
            public String bootstrapServers() {
                return broker.getBrokersAsString();
            }

            @Override
            public void close() {
                broker.destroy();
            }
        };
    }

    static KafkaServer container() {
        KafkaContainer container = new KafkaContainer("apache/kafka:4.1.1");
        BROKER_SETTINGS.forEach(
                (key, value) -> container.withEnv("KAFKA_" + key.toUpperCase().replace('.', '_'), value));
        container.start();
        return new KafkaServer() {
            @Override
            public String bootstrapServers() {
                return container.getBootstrapServers();
            }

            @Override
            public void close() {
                container.stop();
            }
        };
    }
}

package io.billstream.platform.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
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

    /**
     * Places consumer group {@code group} at the current end of every topic, so that its consumers read what is
     * published from now on, not what earlier tests left on a broker they share. No consumer of the group may be
     * running.
     */
    default void moveGroupToTheEnd(String group) {
        withAdmin(admin -> {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
            admin.describeTopics(topics)
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((name, topic) -> topic.partitions()
                            .forEach(partition -> partitions.put(
                                    new TopicPartition(name, partition.partition()), OffsetSpec.latest())));
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            admin.listOffsets(partitions)
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((partition, end) -> ends.put(partition, new OffsetAndMetadata(end.offset())));
            if (!ends.isEmpty()) {
                admin.alterConsumerGroupOffsets(group, ends).all().get(30, TimeUnit.SECONDS);
            }
            return null;
        });
    }

    /** The partitions of each of {@code topics} that exists; the others are left out. */
    default Map<String, Integer> partitionsOf(Collection<String> topics) {
        return withAdmin(admin -> {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            Map<String, Integer> partitions = new HashMap<>();
            admin.describeTopics(topics.stream().filter(existing::contains).toList())
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((name, topic) ->
                            partitions.put(name, topic.partitions().size()));
            return partitions;
        });
    }

    private <T> T withAdmin(AdminCall<T> call) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            return call.on(admin);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker at " + bootstrapServers() + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One request to the broker's admin interface. */
    interface AdminCall<T> {
        T on(Admin admin) throws ExecutionException, InterruptedException, TimeoutException;
    }

    /**
     * A real broker inside this JVM: Kafka's own KRaft test kit, as spring-kafka-test runs it, but in a directory of
     * its own. The kit's default directory is deleted by a JVM shutdown hook of the kit's, while the test contexts
     * still using the broker close; they then waited on a broker without its logs until the build tool killed the JVM.
     */
    static KafkaServer embedded() {
        try {
            Path directory = Files.createTempDirectory("test-kafka-");
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(directory)
                    .build());
            BROKER_SETTINGS.forEach(builder::setConfigProp);
            KafkaClusterTestKit cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new KafkaServer() {
                @Override
                public String bootstrapServers() {
                    return cluster.bootstrapServers();
                }

                @Override
                public void close() {
                    try {
                        // Deletes the directory too.
                        cluster.close();
                    } catch (Exception e) {
                        throw new IllegalStateException("the embedded Kafka broker did not stop cleanly", e);
                    }
                }
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("the embedded Kafka broker did not start", e);
        }
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

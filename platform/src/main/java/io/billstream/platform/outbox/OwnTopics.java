package io.billstream.platform.outbox;

import io.billstream.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics a service publishes, created by it when it starts, with their partitions and replicas, so that a team
 * that subscribes before the first event finds them, and no broker's defaults decide their shape. Spring Kafka's
 * admin creates what is missing and leaves existing topics as they are.
 */
final class OwnTopics {

    private OwnTopics() {}

    static KafkaAdmin.NewTopics of(String service, int partitions, short replicas) {
        return new KafkaAdmin.NewTopics(Topics.OWNERS.entrySet().stream()
                .filter(owned -> owned.getValue().equals(service))
                .map(owned -> TopicBuilder.name(owned.getKey())
                        .partitions(partitions)
                        .replicas(replicas)
                        .build())
                .toArray(NewTopic[]::new));
    }
}

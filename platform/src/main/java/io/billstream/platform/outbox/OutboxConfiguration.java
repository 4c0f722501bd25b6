package io.billstream.platform.outbox;

import io.billstream.platform.crash.CrashPoints;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.tracing.Tracer;
import io.namastack.outbox.Outbox;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

@Configuration(proxyBeanMethods = false)
public class OutboxConfiguration {

    @Bean
    EventPublisher eventPublisher(
            Outbox outbox,
            DataSource dataSource,
            Clock clock,
            @Value("${spring.application.name}") String serviceName,
            ObjectProvider<Tracer> tracer) {
        return new EventPublisher(
                outbox, new EventSequences(JdbcClient.create(dataSource)), clock, serviceName, tracer);
    }

    /** The topics this service owns ({@link io.billstream.events.Topics#OWNERS}), created at start. */
    @Bean
    KafkaAdmin.NewTopics ownTopics(
            @Value("${spring.application.name}") String serviceName,
            @Value("${billstream.topics.partitions:3}") int partitions,
            @Value("${billstream.topics.replicas:1}") short replicas) {
        return OwnTopics.of(serviceName, partitions, replicas);
    }

    /**
     * Events stored but not yet acknowledged by Kafka. It grows while Kafka is away and stays above zero while a key
     * is blocked by an event that keeps failing: the number to alert on.
     */
    @Bean
    MeterBinder outboxBacklog(DataSource dataSource) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        return registry -> Gauge.builder(
                        "billstream.outbox.pending",
                        () -> jdbc.sql("SELECT count(*) FROM platform.outbox_record WHERE completed_at IS NULL")
                                .query(Long.class)
                                .single())
                .description("Events in the outbox not yet acknowledged by Kafka")
                .register(registry);
    }

    @Bean
    KafkaRelay kafkaRelay(
            KafkaTemplate<String, byte[]> kafka,
            @Value("${billstream.outbox.send-timeout:45s}") Duration sendTimeout,
            CrashPoints crashPoints) {
        return new KafkaRelay(kafka, sendTimeout, crashPoints);
    }
}

package io.billstream.platform.outbox;

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

    @Bean
    KafkaRelay kafkaRelay(
            KafkaTemplate<String, byte[]> kafka, @Value("${billstream.outbox.send-timeout:45s}") Duration sendTimeout) {
        return new KafkaRelay(kafka, sendTimeout);
    }
}

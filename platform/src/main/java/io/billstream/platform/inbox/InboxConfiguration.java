package io.billstream.platform.inbox;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.converter.RecordMessageConverter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Idempotent consumers: Boot's listener container factory picks these beans up for every {@code @KafkaListener}. */
@Configuration(proxyBeanMethods = false)
public class InboxConfiguration {

    @Bean
    RecordMessageConverter cloudEventConverter() {
        return new CloudEventConverter();
    }

    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> inboxContainerCustomizer(
            DataSource dataSource, PlatformTransactionManager transactionManager, Clock clock) {
        InboxAdvice advice = new InboxAdvice(
                new Inbox(JdbcClient.create(dataSource), clock), new TransactionTemplate(transactionManager));
        return container -> container.getContainerProperties().setAdviceChain(advice);
    }

    /**
     * Retries a failing event with exponential back-off, then parks it on the group's dead-letter topic and goes on
     * with the next one. Conversion errors (poison messages) skip the retries.
     */
    @Bean
    CommonErrorHandler deadLetteringErrorHandler(
            KafkaTemplate<String, byte[]> kafka,
            @Value("${billstream.inbox.retries:5}") int retries,
            @Value("${billstream.inbox.initial-back-off:200ms}") Duration initialBackOff,
            @Value("${billstream.inbox.max-back-off:10s}") Duration maxBackOff) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(
                kafka,
                (record, failure) ->
                        new TopicPartition(DeadLetters.topicFor(record.topic(), KafkaUtils.getConsumerGroupId()), -1));
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retries);
        backOff.setInitialInterval(initialBackOff.toMillis());
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(maxBackOff.toMillis());
        return new DefaultErrorHandler(recoverer, backOff);
    }

    @Bean
    DeadLetters deadLetters(
            ConsumerFactory<String, byte[]> consumers,
            KafkaTemplate<String, byte[]> kafka,
            @Value("${spring.kafka.consumer.group-id}") String group) {
        return new DeadLetters(consumers, kafka, group);
    }
}

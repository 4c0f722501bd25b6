package io.billstream.platform.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.converter.RecordMessageConverter;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

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
     * with the next one. Conversion errors (poison messages) and events out of sequence skip the retries. An unreachable database is no fault of
     * the event: it is retried until the database is back, holding the partition, so nothing is dead-lettered and
     * the order of events is kept through an outage. An event waiting for another topic's ({@link NotKnownYet}) is
     * retried for up to {@code billstream.inbox.prerequisite-wait}.
     */
    @Bean
    CommonErrorHandler deadLetteringErrorHandler(
            KafkaTemplate<String, byte[]> kafka,
            MeterRegistry meters,
            @Value("${billstream.inbox.retries:5}") int retries,
            @Value("${billstream.inbox.initial-back-off:200ms}") Duration initialBackOff,
            @Value("${billstream.inbox.max-back-off:10s}") Duration maxBackOff,
            @Value("${billstream.inbox.prerequisite-wait:15m}") Duration prerequisiteWait) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka, (record, failure) -> {
            String group = KafkaUtils.getConsumerGroupId();
            meters.counter("billstream.inbox.dead.letters", "topic", record.topic(), "group", group)
                    .increment();
            return new TopicPartition(DeadLetters.topicFor(record.topic(), group), -1);
        });
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(retries);
        backOff.setInitialInterval(initialBackOff.toMillis());
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(maxBackOff.toMillis());
        ExponentialBackOff untilTheDatabaseIsBack = new ExponentialBackOff(initialBackOff.toMillis(), 2.0);
        untilTheDatabaseIsBack.setMaxInterval(maxBackOff.toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        // Retrying cannot bring the missing earlier event; it waits on the dead-letter topic, in order behind it.
        handler.addNotRetryableExceptions(OutOfSequence.class);
        ExponentialBackOff untilItArrives = new ExponentialBackOff(initialBackOff.toMillis(), 2.0);
        untilItArrives.setMaxInterval(maxBackOff.toMillis());
        untilItArrives.setMaxElapsedTime(prerequisiteWait.toMillis());
        handler.setBackOffFunction((record, failure) -> {
            if (databaseUnavailable(failure)) {
                return untilTheDatabaseIsBack;
            }
            return causedBy(failure, NotKnownYet.class) ? untilItArrives : null;
        });
        return handler;
    }

    static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    static boolean databaseUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof DataAccessResourceFailureException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Two listener containers of one consumer group on one topic split its partitions between them, so each would
     * silently miss the events of the other's partitions. Refused at start-up: give each listener its own group.
     */
    @Bean
    ApplicationListener<ApplicationStartedEvent> oneListenerPerGroupAndTopic(KafkaListenerEndpointRegistry registry) {
        return started -> {
            Map<String, String> seen = new HashMap<>();
            for (MessageListenerContainer container : registry.getListenerContainers()) {
                String[] topics = container.getContainerProperties().getTopics();
                for (String topic : topics == null ? new String[0] : topics) {
                    String previous = seen.put(container.getGroupId() + " " + topic, container.getListenerId());
                    if (previous != null) {
                        throw new IllegalStateException(
                                "listeners '%s' and '%s' both consume %s in group %s; give one its own groupId"
                                        .formatted(previous, container.getListenerId(), topic, container.getGroupId()));
                    }
                }
            }
        };
    }

    @Bean
    DeadLetters deadLetters(
            ConsumerFactory<String, byte[]> consumers,
            KafkaTemplate<String, byte[]> kafka,
            @Value("${spring.kafka.consumer.group-id}") String group) {
        return new DeadLetters(consumers, kafka, group);
    }
}

package io.billstream.platform.listenergroups;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billstream.events.Topics;
import io.billstream.events.order.OrderCreated;
import io.billstream.platform.inbox.EventListener;
import io.billstream.platform.test.DatabaseServer.JdbcCoordinates;
import io.billstream.platform.test.TestInfrastructure;
import io.billstream.platform.test.TestTokens;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Two listeners of one consumer group on one topic would each get only some of its partitions and silently miss the
 * events of the others; a service built that way does not start.
 */
class OneListenerPerGroupIT {

    @SpringBootApplication
    static class TwoListenersOnOneTopic {

        @Component
        @KafkaListener(topics = Topics.ORDERS)
        static class Invoicing extends EventListener {
            @KafkaHandler
            void on(OrderCreated event) {}
        }

        @Component
        @KafkaListener(topics = Topics.ORDERS)
        static class Reminders extends EventListener {
            @KafkaHandler
            void on(OrderCreated event) {}
        }
    }

    @Test
    void aServiceWithTwoListenersOfOneGroupOnOneTopicRefusesToStart() {
        JdbcCoordinates database = TestInfrastructure.newDatabase();
        SpringApplicationBuilder service = new SpringApplicationBuilder(TwoListenersOnOneTopic.class)
                .properties(Map.of(
                        "server.port", "0",
                        "spring.datasource.url", database.url(),
                        "spring.datasource.username", database.username(),
                        "spring.datasource.password", database.password(),
                        "spring.kafka.bootstrap-servers",
                                TestInfrastructure.kafka().bootstrapServers(),
                        "billstream.security.jwks-uri", TestTokens.jwksUri()));

        assertThatThrownBy(service::run)
                .hasMessageContaining("both consume billstream.orders in group")
                .hasMessageContaining("give one its own groupId");
    }
}

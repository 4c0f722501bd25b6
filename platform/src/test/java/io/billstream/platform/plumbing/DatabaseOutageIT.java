package io.billstream.platform.plumbing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billstream.events.Topics;
import io.billstream.platform.inbox.DeadLetters;
import io.billstream.platform.plumbing.PlumbingTestApplication.Orders;
import io.billstream.platform.test.DatabaseServer.JdbcCoordinates;
import io.billstream.platform.test.EmbeddedDatabaseServer;
import io.billstream.platform.test.EventWriter;
import io.billstream.platform.test.TestInfrastructure;
import io.billstream.platform.test.TestTokens;
import io.billstream.platform.test.TopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The service's database goes away while an event arrives and comes back: the event waits, is applied once, and is
 * never dead-lettered. Runs on a PostgreSQL server of its own, since it stops it.
 */
class DatabaseOutageIT {

    @Test
    void anEventArrivingWhileTheDatabaseIsDownIsAppliedOnceItIsBack() throws Exception {
        Path data = Files.createTempDirectory("outage-postgres");
        EmbeddedDatabaseServer server = EmbeddedDatabaseServer.start(0, data);
        int port = server.admin().port();
        JdbcCoordinates database = server.createDatabase("outage");
        String group = "outage-" + UUID.randomUUID();
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(PlumbingTestApplication.class)
                .properties(Map.of(
                        "server.port", "0",
                        "spring.datasource.url", database.url(),
                        "spring.datasource.username", database.username(),
                        "spring.datasource.password", database.password(),
                        "spring.datasource.hikari.connection-timeout", "1000",
                        "spring.kafka.bootstrap-servers",
                                TestInfrastructure.kafka().bootstrapServers(),
                        "spring.kafka.consumer.group-id", group,
                        "billstream.security.jwks-uri", TestTokens.jwksUri()))
                .run()) {
            JdbcClient jdbc = service.getBean(JdbcClient.class);
            @SuppressWarnings("unchecked")
            KafkaTemplate<String, byte[]> kafka = service.getBean(KafkaTemplate.class);
            UUID orderId = UUID.randomUUID();

            server.close();
            kafka.send(orderCreated(service.getBean(Orders.class), orderId)).get();
            try (TopicReader deadLetters = new TopicReader(DeadLetters.topicFor(Topics.ORDERS, group))) {
                assertThat(deadLetters.readFor(Duration.ofSeconds(8)))
                        .as("an unreachable database is no reason to give up on an event")
                        .isEmpty();
            }

            server = EmbeddedDatabaseServer.start(port, data);
            await().atMost(Duration.ofSeconds(60))
                    .ignoreExceptions()
                    .until(() -> jdbc.sql("SELECT count(*) FROM applied_event WHERE order_id = ?")
                                    .param(orderId)
                                    .query(Long.class)
                                    .single()
                            == 1);
        } finally {
            server.close();
        }
    }

    private static org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> orderCreated(
            Orders orders, UUID orderId) {
        return EventWriter.record(
                "plumbing-test",
                UUID.randomUUID(),
                UUID.randomUUID(),
                1,
                orders.orderCreated(orderId, "ORD-DURING-OUTAGE"));
    }
}

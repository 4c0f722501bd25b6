package io.billstream.billing;

import static io.billstream.billing.ServiceJar.DUE;
import static io.billstream.billing.ServiceJar.WAIT;
import static io.billstream.billing.ServiceJar.assertChargedOnceAndPublishedOnce;
import static io.billstream.billing.ServiceJar.completed;
import static io.billstream.billing.ServiceJar.giveACard;
import static io.billstream.billing.ServiceJar.jar;
import static io.billstream.billing.ServiceJar.jdbc;
import static io.billstream.billing.ServiceJar.order;
import static io.billstream.billing.ServiceJar.quick;
import static io.billstream.platform.test.GoldenEvents.golden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billstream.events.EventSamples;
import io.billstream.events.merchant.MerchantSettingsChanged;
import io.billstream.events.order.OrderStatusChanged;
import io.billstream.platform.test.DatabaseServer.JdbcCoordinates;
import io.billstream.platform.test.EmbeddedDatabaseServer;
import io.billstream.platform.test.EventWriter;
import io.billstream.platform.test.KafkaProcess;
import io.billstream.platform.test.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * billing-service's own jar on a PostgreSQL and a Kafka broker of this test's own, each stopped and started again
 * under it. With Kafka away the billing run goes on charging and its outcomes wait in the outbox; with PostgreSQL
 * away the run and the consumers pause, and the events published meanwhile are applied once it is back. Afterwards
 * every due event is charged exactly once and every outcome is on Kafka under one event id.
 */
class DependencyFaultsIT {

    private static final int ORDERS = 2;

    @Test
    void kafkaAndPostgresqlStoppedAndStartedAgainLoseNothingAndChargeNothingTwice() throws Exception {
        Path data = Files.createTempDirectory("dependency-faults-postgres-");
        EmbeddedDatabaseServer postgres = EmbeddedDatabaseServer.start(0, data);
        int postgresPort = postgres.admin().port();
        JdbcCoordinates database = postgres.createDatabase("billing_faults");
        JdbcClient jdbc = jdbc(database);
        UUID merchantId = UUID.randomUUID();
        List<UUID> beforeKafkaStops = orders();
        List<UUID> whileKafkaIsAway = orders();
        List<UUID> whilePostgresIsAway = orders();

        try (KafkaProcess kafka = KafkaProcess.start();
                ServiceProcess service = ServiceProcess.start(jar(), database, kafka, quick(database));
                EventWriter orderService = new EventWriter("order-service", kafka)) {
            orderService.publish(
                    merchantId,
                    new MerchantSettingsChanged(
                            merchantId,
                            EventSamples.read(MerchantSettingsChanged.class).settings(),
                            Instant.now()));
            Stream.concat(beforeKafkaStops.stream(), whileKafkaIsAway.stream())
                    .forEach(orderId -> create(orderService, merchantId, orderId));
            beforeKafkaStops.forEach(orderId -> giveACard(service, jdbc, merchantId, orderId));
            awaitCharged(jdbc, beforeKafkaStops, service);
            awaitRelayed(jdbc);

            kafka.stop();
            whileKafkaIsAway.forEach(orderId -> giveACard(service, jdbc, merchantId, orderId));
            awaitCharged(jdbc, whileKafkaIsAway, service);
            assertThat(outboxBacklog(jdbc))
                    .as("outcomes wait in the outbox while Kafka is away")
                    .isPositive();
            kafka.resume();
            awaitRelayed(jdbc);

            postgres.close();
            awaitHealth(service, 503);
            whilePostgresIsAway.forEach(orderId -> create(orderService, merchantId, orderId));
            postgres = EmbeddedDatabaseServer.start(postgresPort, data);
            awaitHealth(service, 200);
            whilePostgresIsAway.forEach(orderId -> giveACard(service, jdbc, merchantId, orderId));
            awaitCharged(jdbc, whilePostgresIsAway, service);
            awaitRelayed(jdbc);

            for (UUID orderId : Stream.of(beforeKafkaStops, whileKafkaIsAway, whilePostgresIsAway)
                    .flatMap(List::stream)
                    .toList()) {
                assertChargedOnceAndPublishedOnce(kafka, jdbc, orderId);
            }
        } finally {
            postgres.close();
        }
    }

    private static List<UUID> orders() {
        return Stream.generate(UUID::randomUUID).limit(ORDERS).toList();
    }

    private static void create(EventWriter orderService, UUID merchantId, UUID orderId) {
        orderService.publish(merchantId, order(orderId));
        orderService.publish(merchantId, golden(OrderStatusChanged.class, "orderId", orderId));
    }

    private static void awaitCharged(JdbcClient jdbc, List<UUID> orders, ServiceProcess service) {
        await().atMost(WAIT)
                .untilAsserted(() -> orders.forEach(orderId ->
                        assertThat(completed(jdbc, orderId)).as(service::output).isEqualTo(DUE)));
    }

    private static void awaitRelayed(JdbcClient jdbc) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(outboxBacklog(jdbc)).isZero());
    }

    private static long outboxBacklog(JdbcClient jdbc) {
        return jdbc.sql("SELECT count(*) FROM platform.outbox_record WHERE completed_at IS NULL")
                .query(Long.class)
                .single();
    }

    /** Waits until the service's health says it has (200) or has lost (503) what it depends on. */
    private static void awaitHealth(ServiceProcess service, int status) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + service.port() + "/actuator/health"))
                .build();
        await().atMost(WAIT)
                .ignoreExceptionsInstanceOf(IOException.class)
                .untilAsserted(() -> assertThat(http.send(health, HttpResponse.BodyHandlers.discarding())
                                .statusCode())
                        .as(service::output)
                        .isEqualTo(status));
    }
}

package io.billstream.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billstream.events.EventCatalog;
import io.billstream.events.EventJson;
import io.billstream.events.Topics;
import io.billstream.events.billing.BillingEventScheduled;
import io.billstream.events.billing.PaymentApproved;
import io.billstream.events.order.OrderCreated;
import io.billstream.platform.test.ApiClient;
import io.billstream.platform.test.DatabaseServer.JdbcCoordinates;
import io.billstream.platform.test.KafkaServer;
import io.billstream.platform.test.ServiceProcess;
import io.billstream.platform.test.TestTokens;
import io.billstream.platform.test.TopicReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the tests that run billing-service's own jar as a process share: the jar, its database, its orders. */
final class ServiceJar {

    static final int DUE = 3;
    static final Duration WAIT = Duration.ofMinutes(2);

    private ServiceJar() {}

    /** The service's own jar, packaged before the integration tests run. */
    static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(file -> file.getFileName().toString().matches("billing-service-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no billing-service jar in target/"));
        }
    }

    /**
     * Settings that make the service quick to act and to recover, for a test: short intervals, and a restarted
     * process that takes over from a dead one within seconds, not the production minutes.
     */
    static Map<String, String> quick(JdbcCoordinates database) {
        Map<String, String> quick = new HashMap<>(Map.of(
                "spring.kafka.consumer.group-id", "billing-service-" + database.database(),
                "billstream.billing-run.interval", "200ms",
                "billstream.billing-run.initial-delay", "0s",
                "billstream.reconciler.interval", "500ms",
                "billstream.reconciler.initial-delay", "0s",
                // Longer than any charge takes here: a charge still PENDING after it was cut off by the crash.
                "billstream.reconciler.stale-after", "3s"));
        // The restarted process takes over from the dead one once the broker and the outbox give the dead one up:
        // within seconds here, not the production minutes (see billstream-platform-defaults.yml).
        quick.putAll(Map.of(
                "spring.kafka.consumer.properties.session.timeout.ms", "6000",
                "spring.kafka.consumer.properties.heartbeat.interval.ms", "1000",
                "billstream.outbox.send-timeout", "4s",
                "namastack.outbox.instance.heartbeat-interval", "1s",
                "namastack.outbox.instance.stale-instance-timeout", "8s",
                "namastack.outbox.instance.rebalance-interval", "1s",
                "namastack.outbox.rebalance-interval", "1s"));
        return quick;
    }

    static JdbcClient jdbc(JdbcCoordinates database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.url());
        dataSource.setUser(database.username());
        dataSource.setPassword(database.password());
        return JdbcClient.create(dataSource);
    }

    /** Four monthly instalments from 70 days ago: three are due. */
    static OrderCreated order(UUID orderId) {
        return TestOrders.instalments(orderId, DUE + 1, 10000, Instant.now().minus(70, ChronoUnit.DAYS));
    }

    static long count(JdbcClient jdbc, String sql, UUID orderId) {
        return jdbc.sql(sql).param("id", orderId).query(Long.class).single();
    }

    /** The card the order is charged to, given once billing-service knows the order as ACTIVE. */
    static void giveACard(ServiceProcess service, JdbcClient jdbc, UUID merchantId, UUID orderId) {
        await().atMost(WAIT)
                .until(() -> jdbc.sql("SELECT status FROM order_copy WHERE id = :id")
                        .param("id", orderId)
                        .query(String.class)
                        .optional()
                        .filter("ACTIVE"::equals)
                        .isPresent());
        ApiClient api = new ApiClient(service.port());
        String token = SandboxCards.token(api, "4242424242424242");
        assertThat(api.put(
                                "/api/v1/orders/" + orderId + "/card",
                                TestTokens.merchant(merchantId),
                                "{\"token\": \"" + token + "\"}")
                        .statusCode())
                .isEqualTo(200);
    }

    /** The order's billing events whose charges are settled, COMPLETED and no longer in flight. */
    static long completed(JdbcClient jdbc, UUID orderId) {
        return count(
                jdbc,
                "SELECT count(*) FROM billing_event WHERE order_id = :id AND status = 'COMPLETED' AND in_flight IS NULL",
                orderId);
    }

    /** Charges of the order the processor carried out. */
    static long requestsAtTheProcessor(JdbcClient jdbc, UUID orderId) {
        return count(jdbc, """
                SELECT count(*) FROM sandbox_request r JOIN payment_transaction t
                ON t.idempotency_key = r.idempotency_key WHERE t.order_id = :id""", orderId);
    }

    /**
     * Every due event of the order charged exactly once (one attempt, one approved transaction, one request at the
     * processor each), and every schedule and approval published under one event id.
     */
    static void assertChargedOnceAndPublishedOnce(KafkaServer kafka, JdbcClient jdbc, UUID orderId) {
        assertThat(count(jdbc, "SELECT count(*) FROM payment_transaction WHERE order_id = :id", orderId))
                .as("one attempt per due event")
                .isEqualTo(DUE);
        assertThat(count(
                        jdbc,
                        "SELECT count(DISTINCT billing_event_id) FROM payment_transaction WHERE order_id = :id"
                                + " AND status = 'APPROVED'",
                        orderId))
                .isEqualTo(DUE);
        assertThat(requestsAtTheProcessor(jdbc, orderId))
                .as("charges the processor carried out")
                .isEqualTo(DUE);
        Map<String, List<UUID>> published = publishedOnce(kafka, jdbc, orderId);
        assertThat(published.get(typeName(BillingEventScheduled.class)))
                .as("billing events scheduled, each under one event id")
                .hasSize(DUE + 1)
                .doesNotHaveDuplicates();
        assertThat(published.get(typeName(PaymentApproved.class)))
                .as("approvals, each under one event id")
                .hasSize(DUE)
                .doesNotHaveDuplicates();
    }

    /**
     * The billing event each distinct event id of the order's records is about, by type, for the billing events of
     * this test's database (other services of the test run on the same broker may schedule the same order in theirs).
     * A record delivered twice (the same id) counts once, as a consumer's inbox applies it once.
     */
    static Map<String, List<UUID>> publishedOnce(KafkaServer kafka, JdbcClient jdbc, UUID orderId) {
        Set<UUID> billingEvents = Set.copyOf(jdbc.sql("SELECT id FROM billing_event WHERE order_id = :id")
                .param("id", orderId)
                .query(UUID.class)
                .list());
        try (TopicReader reader = new TopicReader(List.of(Topics.BILLING), kafka)) {
            List<ConsumerRecord<String, byte[]>> records = reader.readToEnd(Duration.ofSeconds(60)).stream()
                    .filter(record -> orderId.toString().equals(record.key()))
                    .filter(record -> billingEvents.contains(billingEventOf(record)))
                    .toList();
            Map<String, ConsumerRecord<String, byte[]>> byEventId = records.stream()
                    .collect(Collectors.toMap(
                            record -> header(record, "ce_id"), Function.identity(), (first, again) -> first));
            return byEventId.values().stream()
                    .collect(Collectors.groupingBy(
                            record -> header(record, "ce_type"),
                            Collectors.mapping(ServiceJar::billingEventOf, Collectors.toList())));
        }
    }

    static String typeName(Class<?> event) {
        return EventCatalog.of(event).typeName();
    }

    private static UUID billingEventOf(ConsumerRecord<String, byte[]> record) {
        String id = EventJson.mapper()
                .readTree(record.value())
                .path("billingEventId")
                .asString();
        return id.isEmpty() ? null : UUID.fromString(id);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}

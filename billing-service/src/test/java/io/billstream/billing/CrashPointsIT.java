package io.billstream.billing;

import static io.billstream.platform.test.GoldenEvents.golden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billstream.events.EventCatalog;
import io.billstream.events.EventJson;
import io.billstream.events.EventSamples;
import io.billstream.events.Topics;
import io.billstream.events.billing.BillingEventScheduled;
import io.billstream.events.billing.PaymentApproved;
import io.billstream.events.merchant.MerchantSettingsChanged;
import io.billstream.events.order.OrderCreated;
import io.billstream.events.order.OrderStatusChanged;
import io.billstream.platform.crash.CrashPoints;
import io.billstream.platform.test.ApiClient;
import io.billstream.platform.test.DatabaseServer.JdbcCoordinates;
import io.billstream.platform.test.EventWriter;
import io.billstream.platform.test.ServiceProcess;
import io.billstream.platform.test.TestInfrastructure;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * billing-service's own jar, killed at each crash point of a charge and started again on the same database and
 * broker: every due billing event is charged exactly once, and every outcome is published under one event id (a
 * crash after Kafka's acknowledgement may deliver that id twice; consumers apply an id once).
 */
class CrashPointsIT {

    private static final int DUE = 3;
    private static final Duration WAIT = Duration.ofMinutes(2);

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "billing-run.before-charge",
                "billing-run.after-charge",
                "billing-run.before-commit",
                "billing-run.after-commit",
                "outbox.after-send"
            })
    void aCrashAtThisPointLosesNothingAndChargesNothingTwice(String point) throws Exception {
        JdbcCoordinates database = TestInfrastructure.newDatabase();
        JdbcClient jdbc = jdbc(database);
        UUID merchantId = UUID.randomUUID();
        UUID orderId = UUID.randomUUID();
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
        Map<String, String> crashing = new HashMap<>(quick);
        crashing.put("billstream.crash-at", point);

        try (ServiceProcess service = ServiceProcess.start(jar(), database, crashing);
                EventWriter orderService = new EventWriter("order-service")) {
            orderService.publish(
                    merchantId,
                    new MerchantSettingsChanged(
                            merchantId,
                            EventSamples.read(MerchantSettingsChanged.class).settings(),
                            Instant.now()));
            orderService.publish(merchantId, order(orderId));
            orderService.publish(merchantId, golden(OrderStatusChanged.class, "orderId", orderId));
            // A crash after Kafka's acknowledgement already comes with the first schedule relayed.
            if (!point.startsWith("outbox.")) {
                giveACard(service, jdbc, merchantId, orderId);
            }
            assertThat(service.awaitExit(WAIT)).as("stopped at the crash point").isEqualTo(CrashPoints.EXIT_STATUS);
        }

        try (ServiceProcess restarted = ServiceProcess.start(jar(), database, quick)) {
            if (jdbc.sql("SELECT card_id FROM order_copy WHERE id = :id")
                    .param("id", orderId)
                    .query(UUID.class)
                    .optional()
                    .isEmpty()) {
                giveACard(restarted, jdbc, merchantId, orderId);
            }
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(count(
                                jdbc,
                                "SELECT count(*) FROM billing_event WHERE order_id = :id"
                                        + " AND status = 'COMPLETED' AND in_flight IS NULL",
                                orderId))
                        .as(restarted.output())
                        .isEqualTo(DUE);
                assertThat(jdbc.sql("SELECT count(*) FROM platform.outbox_record")
                                .query(Long.class)
                                .single())
                        .isZero();
            });
        }

        assertThat(count(jdbc, "SELECT count(*) FROM payment_transaction WHERE order_id = :id", orderId))
                .as("one attempt per due event")
                .isEqualTo(DUE);
        assertThat(count(
                        jdbc,
                        "SELECT count(DISTINCT billing_event_id) FROM payment_transaction WHERE order_id = :id"
                                + " AND status = 'APPROVED'",
                        orderId))
                .isEqualTo(DUE);
        assertThat(count(jdbc, """
                        SELECT count(*) FROM sandbox_request r JOIN payment_transaction t
                        ON t.idempotency_key = r.idempotency_key WHERE t.order_id = :id""", orderId))
                .as("charges the processor carried out")
                .isEqualTo(DUE);
        Map<String, List<UUID>> published = publishedOnce(orderId, ourBillingEvents(jdbc, orderId));
        assertThat(published.get(EventCatalog.of(BillingEventScheduled.class).typeName()))
                .as("billing events scheduled, each under one event id")
                .hasSize(DUE + 1)
                .doesNotHaveDuplicates();
        assertThat(published.get(EventCatalog.of(PaymentApproved.class).typeName()))
                .as("approvals, each under one event id")
                .hasSize(DUE)
                .doesNotHaveDuplicates();
    }

    /**
     * The billing event each distinct event id of the order's records is about, by type, for the billing events of
     * this test's database (other services of the test run on the same broker may schedule the same order in theirs).
     * A record delivered twice (the same id) counts once, as a consumer's inbox applies it once.
     */
    private static Map<String, List<UUID>> publishedOnce(UUID orderId, Set<UUID> billingEvents) {
        try (TopicReader reader = new TopicReader(Topics.BILLING)) {
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
                            Collectors.mapping(CrashPointsIT::billingEventOf, Collectors.toList())));
        }
    }

    private static UUID billingEventOf(ConsumerRecord<String, byte[]> record) {
        String id = EventJson.mapper()
                .readTree(record.value())
                .path("billingEventId")
                .asString();
        return id.isEmpty() ? null : UUID.fromString(id);
    }

    private static Set<UUID> ourBillingEvents(JdbcClient jdbc, UUID orderId) {
        return Set.copyOf(jdbc.sql("SELECT id FROM billing_event WHERE order_id = :id")
                .param("id", orderId)
                .query(UUID.class)
                .list());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** The card the order is charged to, given once billing-service knows the order as ACTIVE. */
    private static void giveACard(ServiceProcess service, JdbcClient jdbc, UUID merchantId, UUID orderId) {
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

    /** Four monthly instalments from 70 days ago: three are due. */
    private static OrderCreated order(UUID orderId) {
        return TestOrders.instalments(orderId, DUE + 1, 10000, Instant.now().minus(70, ChronoUnit.DAYS));
    }

    private static long count(JdbcClient jdbc, String sql, UUID orderId) {
        return jdbc.sql(sql).param("id", orderId).query(Long.class).single();
    }

    private static JdbcClient jdbc(JdbcCoordinates database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.url());
        dataSource.setUser(database.username());
        dataSource.setPassword(database.password());
        return JdbcClient.create(dataSource);
    }

    /** The service's own jar, packaged before the integration tests run. */
    private static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(file -> file.getFileName().toString().matches("billing-service-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no billing-service jar in target/"));
        }
    }
}

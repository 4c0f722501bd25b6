package io.billstream.benchmarks;

import static io.billstream.platform.test.GoldenEvents.golden;

import io.billstream.events.EventSamples;
import io.billstream.events.Money;
import io.billstream.events.merchant.MerchantSettingsChanged;
import io.billstream.events.order.BillingInterval;
import io.billstream.events.order.OrderCreated;
import io.billstream.events.order.PaymentPlan;
import io.billstream.platform.test.DatabaseServer.JdbcCoordinates;
import io.billstream.platform.test.EventWriter;
import io.billstream.platform.test.ServiceProcess;
import io.billstream.platform.test.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The billing run end to end: billing-service's own jar as a process of its own, on an embedded PostgreSQL and an
 * in-process Kafka broker, with the sandbox processor answering after a configurable latency. Due billing events are
 * seeded through order-service's events, then released at once (their orders made ACTIVE with a card); the clock
 * runs until every event is charged, settled, and its PaymentApproved acknowledged by Kafka ({@code acks=all}). The
 * peer is pgbench replaying each event's SQL against the same database.
 */
final class BillingRunBenchmark {

    private static final Logger log = LoggerFactory.getLogger(BillingRunBenchmark.class);
    private static final int INSTALMENTS = 100;
    private static final Duration DEADLINE = Duration.ofMinutes(20);

    private BillingRunBenchmark() {}

    static void run(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        String latency = args.length > 1 ? args[1] : "0ms";
        int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Path jar = Path.of(args.length > 3 ? args[3] : "billing-service/target/billing-service-0.1.0-SNAPSHOT.jar");
        int events = orders * INSTALMENTS;

        JdbcCoordinates database = TestInfrastructure.newDatabase();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.url());
        dataSource.setUser(database.username());
        dataSource.setPassword(database.password());
        JdbcClient jdbc = JdbcClient.create(dataSource);

        try (ServiceProcess service = ServiceProcess.start(
                jar,
                database,
                List.of("-Xmx1g"),
                Map.of(
                        "billstream.sandbox.latency", latency,
                        "billstream.billing-run.batch-size", Integer.toString(batchSize),
                        "billstream.billing-run.interval", "100ms",
                        "billstream.billing-run.initial-delay", "0s",
                        "logging.level.root", "warn"))) {
            int port = service.port();
            UUID merchantId = UUID.randomUUID();
            log.info("Seeding {} orders of {} due instalments", orders, INSTALMENTS);
            seed(merchantId, orders);
            awaitTrue(
                    () -> count(jdbc, "SELECT count(*) FROM billing_event") == events
                            && count(jdbc, "SELECT count(*) FROM platform.outbox_record") == 0,
                    "the schedules and their events");
            UUID cardId = card(jdbc, merchantId, port);

            log.info(
                    "Releasing {} due billing events (processor latency {}, batch size {})",
                    events,
                    latency,
                    batchSize);
            long start = System.nanoTime();
            jdbc.sql("UPDATE order_copy SET card_id = :card, status = 'ACTIVE'")
                    .param("card", cardId)
                    .update();
            awaitTrue(
                    () -> count(
                                            jdbc,
                                            "SELECT count(*) FROM billing_event WHERE status <> 'COMPLETED'"
                                                    + " OR in_flight IS NOT NULL")
                                    == 0
                            && count(jdbc, "SELECT count(*) FROM platform.outbox_record") == 0,
                    "every event charged and published");
            long millis = (System.nanoTime() - start) / 1_000_000;
            long charged = count(jdbc, "SELECT count(*) FROM payment_transaction WHERE status = 'APPROVED'");
            service.close();

            reset(jdbc);
            double peer = pgbench(database, events, batchSize);
            double app = events * 1000.0 / millis;
            log.info(String.format(
                    "%nBilling run, due -> charged, settled, published (acks=all): %,d events (%,d approved) in %,d ms"
                            + " = %,.0f events/s (processor latency %s, batch %d)%n"
                            + "Peer, pgbench replaying each event's SQL: %,.0f events/s%n"
                            + "Billing run / pgbench: %.2f",
                    events, charged, millis, app, latency, batchSize, peer, app / peer));
        }
    }

    /** The merchant and its instalment orders, as order-service publishes them; the last instalment due a month ago. */
    private static void seed(UUID merchantId, int orders) {
        Instant createdAt = ZonedDateTime.now().minusMonths(INSTALMENTS).toInstant();
        try (EventWriter orderService = new EventWriter("order-service")) {
            orderService.publish(
                    merchantId,
                    new MerchantSettingsChanged(
                            merchantId,
                            EventSamples.read(MerchantSettingsChanged.class).settings(),
                            Instant.now()));
            for (int i = 0; i < orders; i++) {
                orderService.publish(
                        merchantId,
                        golden(
                                OrderCreated.class,
                                "orderId",
                                UUID.randomUUID(),
                                "customerId",
                                UUID.randomUUID(),
                                "total",
                                Money.of(100L * INSTALMENTS, "EUR"),
                                "plan",
                                new PaymentPlan(BillingInterval.MONTHLY, INSTALMENTS, null, null),
                                "createdAt",
                                createdAt));
            }
        }
    }

    /** One approving card from the hosted card fields, for every order. */
    private static UUID card(JdbcClient jdbc, UUID merchantId, int port) throws Exception {
        HttpResponse<String> tokenized = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sandbox/v1/tokens"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"number\": \"4242424242424242\", \"expiryMonth\": 12, \"expiryYear\": 2035,"
                                                + " \"cvc\": \"123\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(tokenized.body());
        if (!token.find()) {
            throw new IllegalStateException("no token: " + tokenized.body());
        }
        UUID cardId = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO card (id, merchant_id, customer_id, token, brand, last4, expiry_month, expiry_year,
                                          is_default, created_at)
                        VALUES (:id, :merchantId, :customerId, :token, 'VISA', '4242', 12, 2035, TRUE, now())""")
                .param("id", cardId)
                .param("merchantId", merchantId)
                .param("customerId", UUID.randomUUID())
                .param("token", token.group(1))
                .update();
        return cardId;
    }

    /** The events due again, as before the run, for pgbench. */
    private static void reset(JdbcClient jdbc) {
        jdbc.sql("DELETE FROM payment_transaction").update();
        jdbc.sql("DELETE FROM sandbox_request").update();
        jdbc.sql("DELETE FROM platform.outbox_record").update();
        jdbc.sql("UPDATE billing_event SET status = 'SCHEDULED', in_flight = NULL, attempts = 0")
                .update();
        jdbc.sql("VACUUM ANALYZE").update();
    }

    /**
     * pgbench with the claim of the billing run (a batch at a time, set-based) and each event's statements as the
     * service sends them: the processor's request in its own transaction, then the settlement with its outbox record.
     * Returns events per second.
     */
    private static double pgbench(JdbcCoordinates database, int events, int batchSize) throws Exception {
        Path scripts = Files.createTempDirectory("billing-run-pgbench");
        Path claim = scripts.resolve("claim.sql");
        Files.writeString(claim, CLAIM.replace(":batch", Integer.toString(batchSize)));
        Path settle = scripts.resolve("event.sql");
        Files.writeString(settle, EVENT);
        int clients = 4;
        // The events are charged once each; some are left over so that every claim finds one.
        int perClient = (events - 2 * batchSize) / clients;
        // Claim the events first, a batch at a time as the run does; then charge and settle each.
        double claimSeconds = runPgbench(database, 1, events / batchSize, claim);
        double eventSeconds = runPgbench(database, clients, perClient, settle);
        int replayed = perClient * clients;
        return replayed / (eventSeconds + claimSeconds * replayed / events);
    }

    /** Runs {@code script} {@code transactions} times on each of {@code clients}; how long that took, in seconds. */
    private static double runPgbench(JdbcCoordinates database, int clients, int transactions, Path script)
            throws Exception {
        List<String> command = List.of(
                "pgbench",
                "-n",
                "-h",
                database.host(),
                "-p",
                Integer.toString(database.port()),
                "-U",
                database.username(),
                // Extended protocol: the variables go as parameters, typed by their columns.
                "-M",
                "extended",
                "-c",
                Integer.toString(clients),
                "-j",
                Integer.toString(Math.min(clients, 2)),
                "-t",
                Integer.toString(transactions),
                "-f",
                script.toString(),
                database.database());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", database.password());
        Process pgbench = builder.start();
        String output = new String(pgbench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (pgbench.waitFor() != 0 || output.contains("aborted")) {
            throw new IllegalStateException("pgbench failed:\n" + output);
        }
        Matcher processed = Pattern.compile("number of transactions actually processed: (\\d+)")
                .matcher(output);
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(output);
        if (!processed.find() || !tps.find()) {
            throw new IllegalStateException("pgbench said:\n" + output);
        }
        log.info("pgbench {}: {} transactions at {} tps", script.getFileName(), processed.group(1), tps.group(1));
        return Long.parseLong(processed.group(1)) / Double.parseDouble(tps.group(1));
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Condition condition, String what) throws Exception {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!condition.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("not done within " + DEADLINE + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    /** The run's claim: due events of live orders with a card, locked, each with its PENDING transaction. */
    private static final String CLAIM = """
            BEGIN;
            WITH due AS (
                SELECT e.id, e.order_id, e.merchant_id, e.amount, e.currency, e.attempts, c.id AS card_id
                FROM billing_event e
                JOIN order_copy o ON o.id = e.order_id
                JOIN card c ON c.id = o.card_id AND c.token IS NOT NULL
                WHERE e.in_flight IS NULL AND e.status = 'SCHEDULED' AND e.scheduled_at <= now()
                  AND o.status IN ('ACTIVE', 'FAILED')
                ORDER BY e.scheduled_at
                LIMIT :batch
                FOR UPDATE OF e SKIP LOCKED),
            pending AS (
                INSERT INTO payment_transaction (id, merchant_id, order_id, billing_event_id, card_id, type, amount,
                                                 currency, status, idempotency_key, attempt, created_at)
                SELECT gen_random_uuid(), merchant_id, order_id, id, card_id, 'PAYMENT', amount, currency, 'PENDING',
                       'billing-event-' || id || '-attempt-' || (attempts + 1), attempts + 1, now()
                FROM due
                RETURNING id, billing_event_id, attempt)
            UPDATE billing_event e SET in_flight = p.id, attempts = p.attempt FROM pending p WHERE e.id = p.billing_event_id;
            COMMIT;
            """;

    /** One claimed event: the processor's request (its own transaction), then the settlement with its outbox record. */
    private static final String EVENT = """
            BEGIN;
            SELECT t.id AS tx, t.idempotency_key AS key, t.billing_event_id AS event, t.order_id AS ord, t.amount AS amount,
                   c.token AS token
            FROM payment_transaction t JOIN card c ON c.id = t.card_id
            WHERE t.status = 'PENDING' LIMIT 1 FOR UPDATE OF t SKIP LOCKED \\gset
            UPDATE payment_transaction SET status = 'SENT' WHERE id = :tx;
            COMMIT;
            SELECT result, code, times_out FROM sandbox_card WHERE token = :token;
            BEGIN;
            SELECT result, code, reference FROM sandbox_request WHERE idempotency_key = :key;
            INSERT INTO sandbox_request (idempotency_key, kind, token, amount, currency, result, code, reference,
                                         created_at)
            VALUES (:key, 'CHARGE', :token, :amount, 'EUR', 'APPROVED', '00', 'ch_' || md5(:key::text), now())
            ON CONFLICT (idempotency_key) DO NOTHING;
            SELECT result, code, reference FROM sandbox_request WHERE idempotency_key = :key;
            COMMIT;
            BEGIN;
            UPDATE payment_transaction SET status = 'APPROVED', code = '00', processor_reference = 'ch_' || md5(:key::text),
                                           settled_at = now()
            WHERE id = :tx;
            UPDATE billing_event SET status = 'COMPLETED', in_flight = NULL WHERE id = :event;
            INSERT INTO platform.event_sequence (topic, subject, last_value) VALUES ('billstream.billing', :ord, 1)
            ON CONFLICT (topic, subject) DO UPDATE SET last_value = event_sequence.last_value + 1;
            INSERT INTO platform.outbox_record (id, status, record_key, record_type, payload, created_at, failure_count,
                                                next_retry_at, partition_no, handler_id)
            VALUES (gen_random_uuid()::text, 'NEW', :ord, 'io.billstream.events.EventEnvelope',
                    repeat('x', 700), now(), 0, now(), 0, 'billstream-kafka');
            SELECT id, merchant_id, customer_id, purchase_type, currency, total_amount, plan::text, first_action, status,
                   cycles_from, card_id
            FROM order_copy WHERE id = :ord;
            COMMIT;
            """;
}

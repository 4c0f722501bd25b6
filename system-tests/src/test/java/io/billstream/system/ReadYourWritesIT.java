package io.billstream.system;

import static io.billstream.platform.test.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Once order-service has answered a change, billing-service acts on it at once, 100 tries out of 100, with each
 * service its own jar in a process of its own and Kafka between them (ADR 13): no charge after a pause, a payment
 * straight after the order's creation, every usage record in the billing event that follows it.
 */
class ReadYourWritesIT {

    static final int TRIES = 100;
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String ONE_CYCLE =
            "[{\"description\": \"Coffee subscription\", \"quantity\": 1, \"unitPrice\": 1299}]";
    static final String ONE_LINE = "[{\"description\": \"Espresso machine\", \"quantity\": 1, \"unitPrice\": 29997}]";

    static Platform platform;

    @BeforeAll
    static void start() throws Exception {
        // The billing run every 200 ms: a charge it decides on a lagging copy would show within the tests.
        platform = Platform.start(
                Map.of("billstream.billing-run.interval", "200ms", "billstream.billing-run.initial-delay", "0s"));
    }

    @AfterAll
    static void stop() throws Exception {
        platform.close();
    }

    @Test
    void aPaymentStraightAfterTheOrdersCreationIsTaken() {
        List<Integer> answers = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            UUID orderId = platform.order("SINGLE", "PAYMENT", "", ONE_LINE);
            HttpResponse<String> paid = platform.firstStep(orderId);
            answers.add(paid.statusCode());
            assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
            assertThat(json(paid).path("status").asString()).isEqualTo("APPROVED");
        }
        assertThat(answers).hasSize(TRIES).containsOnly(201);
    }

    @Test
    void executeNowStraightAfterAPauseChargesNothing() {
        for (int i = 0; i < TRIES; i++) {
            UUID orderId = platform.order("SUBSCRIPTION", "PAYMENT", "\"interval\": \"MONTHLY\",", ONE_CYCLE);
            assertThat(platform.firstStep(orderId).statusCode()).isEqualTo(201);
            String nextCycle = await().atMost(WAIT).until(() -> scheduled(orderId), id -> id != null);

            HttpResponse<String> paused =
                    platform.orders.post("/api/v1/orders/" + orderId + "/pause", platform.merchant, "{}");
            HttpResponse<String> executed = platform.billing.post(
                    "/api/v1/billing-events/" + nextCycle + "/execute-now", platform.merchant, null);

            assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
            assertThat(executed.statusCode()).as(executed.body()).isIn(409, 503);
            assertThat(payments(orderId)).as("the first payment alone").isEqualTo(1);
        }
    }

    @Test
    void theBillingRunChargesNothingOnceAPauseIsAnswered() {
        Map<UUID, Instant> pausedAt = new HashMap<>();
        for (int i = 0; i < TRIES; i++) {
            // A card registration first: cycle 1 is due the moment the subscription is ACTIVE, for the run to take.
            UUID orderId = platform.order("SUBSCRIPTION", "CARD_REGISTRATION", "\"interval\": \"MONTHLY\",", ONE_CYCLE);
            assertThat(platform.firstStep(orderId).statusCode()).isEqualTo(201);
            await().atMost(WAIT).until(() -> platform.statusAtOrderService(orderId), "ACTIVE"::equals);

            HttpResponse<String> paused =
                    platform.orders.post("/api/v1/orders/" + orderId + "/pause", platform.merchant, "{}");

            assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
            pausedAt.put(orderId, Instant.now());
        }
        // Long enough for many runs to have claimed whatever they could.
        sleep(Duration.ofSeconds(3));
        JdbcClient billing = platform.billingDatabase();
        pausedAt.forEach((orderId, paused) -> assertThat(billing.sql("""
                                SELECT count(*) FROM payment_transaction
                                WHERE order_id = :orderId AND type = 'PAYMENT' AND created_at > :paused""")
                        .param("orderId", orderId)
                        .param("paused", java.sql.Timestamp.from(paused))
                        .query(Long.class)
                        .single())
                .as("charges of order %s decided after its pause was answered", orderId)
                .isZero());
    }

    @Test
    void usageReportedJustBeforeABillingEventIsAllInIt() {
        for (int i = 0; i < TRIES; i++) {
            UUID orderId = platform.order("METERED", "CARD_REGISTRATION", "", "[]");
            String usage = "/api/v1/orders/" + orderId + "/usage";
            for (long amount : new long[] {8400, 1200}) {
                HttpResponse<String> recorded = platform.orders.post(
                        usage, platform.merchant, """
                        {"description": "Espresso shots", "date": "%s", "quantity": %d, "unit": "shot", "unitPrice": 1}""".formatted(LocalDate.now().minusDays(1), amount));
                assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
            }

            HttpResponse<String> billed =
                    platform.billing.post("/api/v1/orders/" + orderId + "/billing-events", platform.merchant, "{}");

            assertThat(billed.statusCode()).as(billed.body()).isEqualTo(201);
            assertThat(json(billed).path("amount").path("amount").asLong()).isEqualTo(9600);
        }
    }

    private static String scheduled(UUID orderId) {
        JsonNode events =
                json(platform.billing.get("/api/v1/orders/" + orderId + "/billing-events", platform.merchant));
        for (JsonNode event : events) {
            if (event.path("status").asString().equals("SCHEDULED")) {
                return event.path("id").asString();
            }
        }
        return null;
    }

    private static long payments(UUID orderId) {
        return platform.billingDatabase()
                .sql("SELECT count(*) FROM payment_transaction WHERE order_id = :orderId AND type = 'PAYMENT'")
                .param("orderId", orderId)
                .query(Long.class)
                .single();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

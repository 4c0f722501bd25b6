package io.billstream.billing.billingevent;

import static io.billstream.platform.test.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billstream.billing.processor.PaymentProcessor;
import io.billstream.billing.processor.sandbox.SandboxProcessor;
import io.billstream.events.EventCatalog;
import io.billstream.events.Topics;
import io.billstream.events.billing.PaymentApproved;
import io.billstream.events.billing.RefundIssued;
import io.billstream.events.order.FirstAction;
import io.billstream.events.order.PurchaseType;
import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.TopicReader;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The processor's guards on real PostgreSQL and Kafka, with the sandbox switched down or slow: while it is down the
 * breaker opens, the billing run claims nothing and the API answers 503; it resumes by itself once the processor is
 * back, and every due event is charged exactly once. Tight guard settings make each of these happen within seconds.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "billstream.billing-run.initial-delay=1h",
            "billstream.reconciler.initial-delay=1h",
            "resilience4j.timelimiter.instances.processor.timeout-duration=1s",
            "resilience4j.circuitbreaker.instances.processor.sliding-window-size=10",
            "resilience4j.circuitbreaker.instances.processor.minimum-number-of-calls=5",
            "resilience4j.circuitbreaker.instances.processor.wait-duration-in-open-state=2s",
            "resilience4j.circuitbreaker.instances.processor.permitted-number-of-calls-in-half-open-state=2",
            "resilience4j.bulkhead.instances.processor.max-concurrent-calls=4",
            "resilience4j.bulkhead.instances.processor.max-wait-duration=200ms"
        })
@RealInfrastructure
class ProcessorOutageIT extends MerchantScenario {

    @Autowired
    BillingRun run;

    @Autowired
    Reconciler reconciler;

    @Autowired
    SandboxProcessor sandbox;

    @Autowired
    PaymentProcessor processor;

    @Autowired
    CircuitBreakerRegistry breakers;

    @BeforeEach
    @AfterEach
    void processorWell() {
        sandbox.down(false);
        sandbox.latency(Duration.ZERO);
        breakers.circuitBreaker("processor").reset();
    }

    @Test
    void whileTheProcessorIsDownTheRunClaimsNothingAndOnceItIsBackEveryEventIsChargedOnce() {
        List<UUID> orders = Stream.generate(() -> activeInstalmentOrder("4242424242424242"))
                .limit(3)
                .toList();
        sandbox.down(true);

        assertThat(run.collectDue()).as("nothing reached the processor").isZero();
        assertThat(breakers.circuitBreaker("processor").getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(processor.acceptsRequests()).isFalse();
        orders.forEach(orderId -> {
            assertThat(allTransactions(orderId))
                    .as("turned-away charges are released")
                    .isZero();
            assertThat(attempts(orderId)).containsOnly(0);
        });
        assertThat(run.collectDue()).as("open breaker: the run waits").isZero();
        orders.forEach(orderId -> assertThat(allTransactions(orderId)).isZero());

        UUID later = billingEventIds(orders.getFirst()).getLast();
        HttpResponse<String> refused =
                api.send("POST", "/api/v1/billing-events/" + later + "/execute-now", merchant, null, "now-" + later);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(json(refused).path("title").asString()).isEqualTo("Payment processor unavailable");

        sandbox.down(false);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            run.collectDue();
            orders.forEach(
                    orderId -> assertThat(transactions(orderId, "APPROVED")).isEqualTo(3));
        });
        orders.forEach(orderId -> {
            assertThat(allTransactions(orderId)).as("one transaction per event").isEqualTo(3);
            assertThat(requestsAtTheProcessor(orderId))
                    .as("one request per event")
                    .isEqualTo(3);
            assertThat(attempts(orderId)).containsExactly(1, 1, 1, 0);
        });
        HttpResponse<String> again =
                api.send("POST", "/api/v1/billing-events/" + later + "/execute-now", merchant, null, "now-" + later);
        assertThat(again.statusCode())
                .as("a 503 is not kept under its Idempotency-Key: the retry runs")
                .isEqualTo(200);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(json(again).path("status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void aRequestPastItsTimeLimitIsUnknownAndSettledOnceWithWhatTheProcessorDid() {
        UUID orderId = activeInstalmentOrder("4242424242424242");
        // Slower than the 1 s limit: the sandbox still carries each charge out, after the caller gave up on it.
        sandbox.latency(Duration.ofMillis(2500));

        run.collectDue();
        assertThat(transactions(orderId, "UNKNOWN")).isEqualTo(3);
        assertThat(run.collectDue()).as("in flight: not claimed again").isZero();

        sandbox.latency(Duration.ZERO);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            reconciler.reconcile();
            assertThat(transactions(orderId, "APPROVED")).isEqualTo(3);
        });
        assertThat(allTransactions(orderId)).isEqualTo(3);
        assertThat(requestsAtTheProcessor(orderId)).as("each charged once").isEqualTo(3);
    }

    @Test
    void chargesBeyondTheBulkheadAreTurnedAwayAndChargedInALaterRound() {
        List<UUID> orders = Stream.generate(() -> activeInstalmentOrder("4242424242424242"))
                .limit(3)
                .toList();
        // Four in flight at most; each takes longer than the 200 ms the others may wait for a place.
        sandbox.latency(Duration.ofMillis(600));

        int first = run.collectDue();

        assertThat(first).as("the bulkhead's four").isEqualTo(4);
        assertThat(orders.stream()
                        .mapToLong(orderId -> allTransactions(orderId))
                        .sum())
                .isEqualTo(4);
        assertThat(processor.acceptsRequests())
                .as("a full bulkhead is no sign of a failing processor")
                .isTrue();
        await().atMost(WAIT).untilAsserted(() -> {
            run.collectDue();
            orders.forEach(
                    orderId -> assertThat(transactions(orderId, "APPROVED")).isEqualTo(3));
        });
        orders.forEach(orderId -> assertThat(requestsAtTheProcessor(orderId)).isEqualTo(3));
    }

    @Test
    void lostAnswersOfAFirstPaymentACaptureAndARefundAreSettledOnceByTheReconciler() {
        UUID paidId = UUID.randomUUID();
        UUID customerId = knownCustomer(UUID.randomUUID());
        orderService.publish(
                merchantId, FirstPaymentsIT.order(paidId, customerId, PurchaseType.SINGLE, FirstAction.PAYMENT));
        UUID authorisedId = UUID.randomUUID();
        orderService.publish(
                merchantId,
                FirstPaymentsIT.order(
                        authorisedId, UUID.randomUUID(), PurchaseType.SINGLE, FirstAction.PRE_AUTHORISATION));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(List.of(status(paidId), status(authorisedId)))
                        .containsOnly("DRAFT"));
        JsonNode authorisation = json(firstStep(authorisedId, token("4242424242424242")));
        assertThat(authorisation.path("status").asString()).isEqualTo("APPROVED");
        String newCard = token("4242424242424242");

        sandbox.latency(Duration.ofMillis(2500));
        JsonNode payment = json(firstStep(paidId, newCard));
        JsonNode capture =
                json(api.post("/api/v1/payments/" + authorisation.path("id").asString() + "/capture", merchant, null));

        assertThat(payment.path("status").asString()).isEqualTo("UNKNOWN");
        assertThat(capture.path("status").asString()).isEqualTo("UNKNOWN");
        assertThat(json(api.get("/api/v1/customers/" + customerId + "/cards", merchant)))
                .as("a new card is the customer's once approved")
                .isEmpty();
        sandbox.latency(Duration.ZERO);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            reconciler.reconcile();
            assertThat(List.of(transactionStatus(payment), transactionStatus(capture)))
                    .containsOnly("APPROVED");
        });
        JsonNode card = json(api.get("/api/v1/orders/" + paidId + "/card", merchant));
        assertThat(card.path("last4").asString()).isEqualTo("4242");
        assertThat(json(api.get("/api/v1/customers/" + customerId + "/cards", merchant)))
                .hasSize(1);

        sandbox.latency(Duration.ofMillis(2500));
        JsonNode refund = json(api.post(
                "/api/v1/payments/" + payment.path("id").asString() + "/refunds", merchant, "{\"amount\": 1000}"));
        assertThat(refund.path("status").asString()).isEqualTo("UNKNOWN");
        sandbox.latency(Duration.ZERO);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            reconciler.reconcile();
            assertThat(transactionStatus(refund)).isEqualTo("APPROVED");
        });
        JsonNode refunded =
                json(api.get("/api/v1/payments/" + payment.path("id").asString(), merchant));
        assertThat(refunded.path("refunded").path("amount").asLong()).isEqualTo(1000);
        assertThat(refunded.path("refundable").path("amount").asLong()).isEqualTo(4000);
        for (UUID orderId : List.of(paidId, authorisedId)) {
            assertThat(requestsAtTheProcessor(orderId))
                    .as("each request carried out once")
                    .isEqualTo(allTransactions(orderId));
        }
        reconciler.reconcile();
        awaitPublished(paidId);
        awaitPublished(authorisedId);
        Set<String> outcomes = Set.of(
                EventCatalog.of(PaymentApproved.class).typeName(),
                EventCatalog.of(RefundIssued.class).typeName());
        try (TopicReader reader = new TopicReader(Topics.BILLING)) {
            List<String> published = reader.readToEnd(Duration.ofSeconds(60)).stream()
                    .filter(record ->
                            Set.of(paidId.toString(), authorisedId.toString()).contains(record.key()))
                    .filter(record -> outcomes.contains(header(record, "ce_type")))
                    .map(record -> header(record, "ce_type"))
                    .toList();
            assertThat(published)
                    .as(
                            "approvals of the payment, the authorisation and the capture, and the refund: each published once")
                    .hasSize(4);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> firstStep(UUID orderId, String token) {
        return api.post("/api/v1/orders/" + orderId + "/payments", merchant, "{\"token\": \"" + token + "\"}");
    }

    private String transactionStatus(JsonNode transaction) {
        return json(api.get("/api/v1/payments/" + transaction.path("id").asString(), merchant))
                .path("status")
                .asString();
    }

    private long allTransactions(UUID orderId) {
        return jdbc.sql("SELECT count(*) FROM payment_transaction WHERE order_id = :id")
                .param("id", orderId)
                .query(Long.class)
                .single();
    }

    private List<Integer> attempts(UUID orderId) {
        return jdbc.sql("SELECT attempts FROM billing_event WHERE order_id = :id ORDER BY scheduled_at")
                .param("id", orderId)
                .query(Integer.class)
                .list();
    }

    private List<UUID> billingEventIds(UUID orderId) {
        return jdbc.sql("SELECT id FROM billing_event WHERE order_id = :id ORDER BY scheduled_at")
                .param("id", orderId)
                .query(UUID.class)
                .list();
    }

    private long requestsAtTheProcessor(UUID orderId) {
        return jdbc.sql("""
                        SELECT count(*) FROM sandbox_request r JOIN payment_transaction t
                        ON t.idempotency_key = r.idempotency_key WHERE t.order_id = :id""").param("id", orderId).query(Long.class).single();
    }
}

package io.billstream.billing.billingevent;

import static io.billstream.platform.test.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billstream.events.order.FirstAction;
import io.billstream.events.order.PurchaseType;
import io.billstream.platform.test.RealInfrastructure;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Every POST that moves money, sent 50 times at once with one Idempotency-Key, has one effect; the same key with
 * another body is refused with 422. Real PostgreSQL and Kafka, the sandbox processor.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "billstream.billing-run.initial-delay=1h")
@RealInfrastructure
class IdempotencyIT extends MerchantScenario {

    private static final int AT_ONCE = 50;

    @Autowired
    BillingRun run;

    @Test
    void aFirstPaymentAndARefundSentFiftyTimesAtOnceChargeAndRefundOnce() {
        UUID orderId = UUID.randomUUID();
        orderService.publish(
                merchantId,
                FirstPaymentsIT.order(orderId, UUID.randomUUID(), PurchaseType.SINGLE, FirstAction.PAYMENT));
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(orderId)).isEqualTo("DRAFT"));
        String payment = "{\"token\": \"" + token("4242424242424242") + "\"}";
        String paymentKey = UUID.randomUUID().toString();

        List<HttpResponse<String>> paid =
                atOnce(() -> post("/api/v1/orders/" + orderId + "/payments", payment, paymentKey));

        assertOneEffect(paid, 201);
        assertThat(jdbc.sql("SELECT count(*) FROM payment_transaction WHERE order_id = :id")
                        .param("id", orderId)
                        .query(Long.class)
                        .single())
                .isOne();
        String paymentId = json(paid.stream()
                        .filter(r -> r.statusCode() == 201)
                        .findFirst()
                        .orElseThrow())
                .path("id")
                .asString();
        String refundKey = UUID.randomUUID().toString();
        String refunds = "/api/v1/payments/" + paymentId + "/refunds";

        List<HttpResponse<String>> refunded = atOnce(() -> post(refunds, "{\"amount\": 1000}", refundKey));

        assertOneEffect(refunded, 201);
        assertThat(transactions(orderId, "APPROVED"))
                .as("the payment and one refund")
                .isEqualTo(2);
        assertThat(post(refunds, "{\"amount\": 2000}", refundKey).statusCode())
                .as("the same key with another body")
                .isEqualTo(422);
        assertThat(transactions(orderId, "APPROVED")).isEqualTo(2);
    }

    @Test
    void aRetryAnExecuteNowAndAMergeSentFiftyTimesAtOnceHaveOneEffectEach() {
        UUID declined = activeInstalmentOrder("4000000000009953");
        run.collectDue();
        List<String> events = ids(declined);
        String retryKey = UUID.randomUUID().toString();

        List<HttpResponse<String>> retried =
                atOnce(() -> post("/api/v1/billing-events/" + events.get(0) + "/retry", null, retryKey));

        assertOneEffect(retried, 200);
        assertThat(transactions(declined, "SOFT_DECLINED"))
                .as("three first attempts and one retry")
                .isEqualTo(4);

        UUID scheduled = activeInstalmentOrder("4242424242424242");
        String fourth = ids(scheduled).get(3);
        String executeKey = UUID.randomUUID().toString();
        List<HttpResponse<String>> executed =
                atOnce(() -> post("/api/v1/billing-events/" + fourth + "/execute-now", null, executeKey));
        assertOneEffect(executed, 200);
        assertThat(transactions(scheduled, "APPROVED")).isOne();

        String merge = "{\"billingEventIds\": [\"%s\", \"%s\"]}".formatted(events.get(1), events.get(2));
        String mergeKey = UUID.randomUUID().toString();
        List<HttpResponse<String>> merged =
                atOnce(() -> post("/api/v1/orders/" + declined + "/billing-events/merge", merge, mergeKey));
        assertOneEffect(merged, 201);
        assertThat(ids(declined)).as("four events and one replacement").hasSize(5);
        assertThat(post(
                                "/api/v1/orders/" + declined + "/billing-events/merge",
                                merge.replace("]}", "], \"amount\": 100}"),
                                mergeKey)
                        .statusCode())
                .isEqualTo(422);
    }

    /**
     * One answer did it; every other one is that answer replayed, or 409 while it was still running; never a second
     * effect.
     */
    private static void assertOneEffect(List<HttpResponse<String>> answers, int status) {
        assertThat(answers).extracting(HttpResponse::statusCode).isSubsetOf(status, 409);
        List<HttpResponse<String>> done =
                answers.stream().filter(r -> r.statusCode() == status).toList();
        assertThat(done)
                .filteredOn(r -> r.headers().firstValue("Idempotent-Replayed").isEmpty())
                .hasSize(1);
        assertThat(done.stream().map(r -> json(r).path("id").asString()).distinct())
                .hasSize(1);
    }

    private List<HttpResponse<String>> atOnce(Supplier<HttpResponse<String>> request) {
        try (ExecutorService threads = Executors.newFixedThreadPool(AT_ONCE)) {
            List<CompletableFuture<HttpResponse<String>>> sent = IntStream.range(0, AT_ONCE)
                    .mapToObj(i -> CompletableFuture.supplyAsync(request, threads))
                    .toList();
            return sent.stream().map(CompletableFuture::join).toList();
        }
    }

    private HttpResponse<String> post(String path, String body, String key) {
        return api.send("POST", path, merchant, body, key);
    }

    private List<String> ids(UUID orderId) {
        return json(api.get("/api/v1/orders/" + orderId + "/billing-events", merchant))
                .valueStream()
                .map(event -> event.path("id").asString())
                .toList();
    }
}

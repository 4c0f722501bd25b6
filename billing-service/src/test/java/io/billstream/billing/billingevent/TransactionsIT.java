package io.billstream.billing.billingevent;

import static io.billstream.platform.test.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billstream.billing.payment.Refunds;
import io.billstream.billing.payment.Transaction;
import io.billstream.events.EventJson;
import io.billstream.events.Money;
import io.billstream.events.Topics;
import io.billstream.events.billing.RefundIssued;
import io.billstream.events.order.FirstAction;
import io.billstream.events.order.PurchaseType;
import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.TestTokens;
import io.billstream.platform.test.TopicReader;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * Transactions and refunds on real PostgreSQL and Kafka with the sandbox processor: an order's history, the merchant's
 * payments list with its filters, and refunds that never exceed what is left of a payment, also when asked at once.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "billstream.billing-run.initial-delay=1h")
@RealInfrastructure
class TransactionsIT extends MerchantScenario {

    @Autowired
    BillingRun run;

    @Autowired
    Refunds refunds;

    @Test
    void refundsGiveBackAtMostWhatWasPaid() {
        UUID orderId = UUID.randomUUID();
        String paymentId = paidSingleOrder(orderId);
        String refunds = "/api/v1/payments/" + paymentId + "/refunds";

        HttpResponse<String> part =
                api.post(refunds, merchant, "{\"amount\": 1000, \"reason\": \"Milk frother returned\"}");

        assertThat(part.statusCode()).as(part.body()).isEqualTo(201);
        JsonNode refund = json(part);
        assertThat(refund.path("type").asString()).isEqualTo("REFUND");
        assertThat(refund.path("status").asString()).isEqualTo("APPROVED");
        assertThat(refund.path("parentId").asString()).isEqualTo(paymentId);
        JsonNode payment = json(api.get("/api/v1/payments/" + paymentId, merchant));
        assertThat(payment.path("refunded").path("amount").asLong()).isEqualTo(1000);
        assertThat(payment.path("refundable").path("amount").asLong()).isEqualTo(4000);
        RefundIssued issued = EventJson.read(
                TopicReader.recordsOf(Topics.BILLING, orderId, 2).get(1).value(), RefundIssued.class);
        assertThat(issued.refundId()).hasToString(refund.path("id").asString());
        assertThat(issued.transactionId()).hasToString(paymentId);
        assertThat(issued.amount()).isEqualTo(Money.of(1000, "EUR"));
        assertThat(issued.reason()).isEqualTo("Milk frother returned");

        assertThat(api.post(refunds, merchant, "{\"amount\": 4001}").statusCode())
                .as("more than is left")
                .isEqualTo(409);
        JsonNode rest = json(api.post(refunds, merchant, null));
        assertThat(rest.path("amount").path("amount").asLong())
                .as("all that is left")
                .isEqualTo(4000);
        HttpResponse<String> nothingLeft = api.post(refunds, merchant, "{\"amount\": 1}");
        assertThat(nothingLeft.statusCode()).isEqualTo(409);
        assertThat(json(nothingLeft).path("refundable").path("amount").asLong()).isZero();
        assertThat(api.post("/api/v1/payments/" + refund.path("id").asString() + "/refunds", merchant, null)
                        .statusCode())
                .as("a refund of a refund")
                .isEqualTo(409);
        assertThat(api.post(refunds, merchant, "{\"amount\": 0}").statusCode()).isEqualTo(400);
        assertThat(api.post("/api/v1/payments/" + UUID.randomUUID() + "/refunds", merchant, null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(api.post(refunds, TestTokens.merchant(UUID.randomUUID()), null)
                        .statusCode())
                .as("another merchant's payment")
                .isEqualTo(404);
        assertThat(transactions(orderId, "APPROVED"))
                .as("the payment and two refunds")
                .isEqualTo(3);
    }

    @Test
    void aRefundRequestRunAgainUnderItsIdempotencyKeyFindsTheRefundItMade() {
        UUID paymentId = UUID.fromString(paidSingleOrder(UUID.randomUUID()));
        // What the platform lets happen when the first run died after the processor refunded: once the key's lease
        // ran out, the same request runs again.
        Transaction first = refunds.refund(merchantId, paymentId, 1000L, null, "refund-request-1");
        Transaction again = refunds.refund(merchantId, paymentId, 1000L, null, "refund-request-1");
        Transaction other = refunds.refund(merchantId, paymentId, 1000L, null, "refund-request-2");

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(other.id()).isNotEqualTo(first.id());
        JsonNode payment = json(api.get("/api/v1/payments/" + paymentId, merchant));
        assertThat(payment.path("refunded").path("amount").asLong())
                .as("two refunds, not three")
                .isEqualTo(2000);
        assertThat(jdbc.sql("SELECT count(*) FROM sandbox_request WHERE kind = 'REFUND' AND parent_reference ="
                                + " (SELECT processor_reference FROM payment_transaction WHERE id = :id)")
                        .param("id", paymentId)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void refundsAskedAtOnceTakeNoMoreThanThePayment() {
        String paymentId = paidSingleOrder(UUID.randomUUID());

        List<Integer> answers;
        // A thread each, so that the six are asked at once.
        try (ExecutorService atOnce = Executors.newFixedThreadPool(6)) {
            List<CompletableFuture<HttpResponse<String>>> asked = IntStream.range(0, 6)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> api.post(
                                    "/api/v1/payments/" + paymentId + "/refunds", merchant, "{\"amount\": 2000}"),
                            atOnce))
                    .toList();
            answers = asked.stream()
                    .map(CompletableFuture::join)
                    .map(HttpResponse::statusCode)
                    .toList();
        }
        assertThat(answers).filteredOn(code -> code == 201).hasSize(2);
        assertThat(answers).filteredOn(code -> code == 409).hasSize(4);
        assertThat(json(api.get("/api/v1/payments/" + paymentId, merchant))
                        .path("refunded")
                        .path("amount")
                        .asLong())
                .isEqualTo(4000);
    }

    @Test
    void anOrdersHistoryAndThePaymentsListWithItsFilters() {
        UUID orderId = activeInstalmentOrder("4242424242424242");
        run.collectDue();
        String firstPayment = json(api.get("/api/v1/orders/" + orderId + "/transactions", merchant))
                .get(0)
                .path("id")
                .asString();
        api.post("/api/v1/payments/" + firstPayment + "/refunds", merchant, "{\"amount\": 2500}");
        UUID declinedOrder = activeInstalmentOrder("4000000000009953");
        run.collectDue();

        JsonNode history = json(api.get("/api/v1/orders/" + orderId + "/transactions", merchant));

        assertThat(history.valueStream()
                        .map(t -> t.path("type").asString() + " "
                                + t.path("status").asString()))
                .containsExactly("PAYMENT APPROVED", "PAYMENT APPROVED", "PAYMENT APPROVED", "REFUND APPROVED");
        assertThat(history.get(0).path("refunded").path("amount").asLong()).isEqualTo(2500);
        assertThat(total("")).isEqualTo(7);
        assertThat(total("?orderId=" + orderId)).isEqualTo(4);
        assertThat(total("?type=REFUND")).isEqualTo(1);
        assertThat(total("?status=SOFT_DECLINED")).isEqualTo(3);
        assertThat(total("?status=SOFT_DECLINED&orderId=" + orderId)).isZero();
        String customerId = history.get(0).path("customerId").asString();
        assertThat(total("?customerId=" + customerId)).isEqualTo(4);
        assertThat(total("?from=" + Instant.now().plus(1, ChronoUnit.HOURS))).isZero();
        assertThat(total("?to=" + Instant.now().plus(1, ChronoUnit.HOURS))).isEqualTo(7);
        JsonNode page = json(api.get("/api/v1/payments?size=2&page=1", merchant));
        assertThat(page.path("items")).hasSize(2);
        assertThat(page.path("total").asLong()).isEqualTo(7);
        assertThat(json(api.get("/api/v1/payments?orderId=" + declinedOrder, merchant))
                        .path("items")
                        .get(0)
                        .path("code")
                        .asString())
                .isEqualTo("51");

        HttpResponse<String> badFilter = api.get("/api/v1/payments?status=LOST", merchant);
        assertThat(badFilter.statusCode()).isEqualTo(400);
        assertThat(badFilter.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(api.get("/api/v1/payments?size=101", merchant).statusCode()).isEqualTo(400);
        String stranger = TestTokens.merchant(UUID.randomUUID());
        assertThat(api.get("/api/v1/orders/" + orderId + "/transactions", stranger)
                        .statusCode())
                .isEqualTo(404);
        assertThat(json(api.get("/api/v1/payments", stranger)).path("total").asLong())
                .isZero();
    }

    private long total(String query) {
        HttpResponse<String> page = api.get("/api/v1/payments" + query, merchant);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return json(page).path("total").asLong();
    }

    /** A SINGLE order of 5000 paid in the virtual terminal; the payment's id. */
    private String paidSingleOrder(UUID orderId) {
        orderService.publish(
                merchantId,
                FirstPaymentsIT.order(orderId, UUID.randomUUID(), PurchaseType.SINGLE, FirstAction.PAYMENT));
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(orderId)).isEqualTo("DRAFT"));
        JsonNode payment = json(api.post(
                "/api/v1/orders/" + orderId + "/payments",
                merchant,
                "{\"token\": \"" + token("4242424242424242") + "\"}"));
        assertThat(payment.path("status").asString()).isEqualTo("APPROVED");
        return payment.path("id").asString();
    }
}

package io.billstream.billing.billingevent;

import static io.billstream.platform.test.ApiClient.json;
import static io.billstream.platform.test.GoldenEvents.golden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billstream.events.EventJson;
import io.billstream.events.Money;
import io.billstream.events.Topics;
import io.billstream.events.billing.BillingEventRetried;
import io.billstream.events.billing.PaymentApproved;
import io.billstream.events.billing.PaymentCard;
import io.billstream.events.billing.PaymentDeclined;
import io.billstream.events.order.OrderStatusChanged;
import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.TopicReader;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The billing run on real PostgreSQL and Kafka with the sandbox processor: due events of live orders with a card are
 * charged once each, also by two runs side by side, and their outcomes recorded and published.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // The tests run the billing run themselves.
        properties = "billstream.billing-run.initial-delay=1h")
@RealInfrastructure
class BillingRunIT extends MerchantScenario {

    @Autowired
    BillingRun run;

    @Test
    void dueEventsOfAnActiveOrderAreChargedOnceAndTheRestWait() {
        UUID orderId = activeInstalmentOrder("4242424242424242");

        run.collectDue();
        run.collectDue();

        JsonNode events = json(api.get("/api/v1/orders/" + orderId + "/billing-events", merchant));
        assertThat(events.valueStream()
                        .map(e -> e.path("status").asString() + " "
                                + e.path("attempts").asInt()))
                .containsExactly("COMPLETED 1", "COMPLETED 1", "COMPLETED 1", "SCHEDULED 0");
        assertThat(transactions(orderId, "APPROVED")).isEqualTo(3);
        List<ConsumerRecord<String, byte[]>> published = TopicReader.recordsOf(Topics.BILLING, orderId, 7);
        List<PaymentApproved> approved = published.subList(4, 7).stream()
                .map(r -> EventJson.read(r.value(), PaymentApproved.class))
                .toList();
        assertThat(approved).extracting(PaymentApproved::amount).containsOnly(Money.of(10000, "EUR"));
        assertThat(approved).extracting(PaymentApproved::attempt).containsOnly(1);
        assertThat(approved).extracting(PaymentApproved::card).containsOnly(new PaymentCard("VISA", "4242"));
    }

    @Test
    void declinesAreRecordedAsSoftOrHardWithTheirCodes() {
        UUID soft = activeInstalmentOrder("4000000000009953");
        UUID hard = activeInstalmentOrder("4000000000000432");

        run.collectDue();

        assertThat(statuses(soft)).containsExactly("SOFT_DECLINED", "SOFT_DECLINED", "SOFT_DECLINED", "SCHEDULED");
        assertThat(statuses(hard)).containsExactly("HARD_DECLINED", "HARD_DECLINED", "HARD_DECLINED", "SCHEDULED");
        PaymentDeclined declined = EventJson.read(
                TopicReader.recordsOf(Topics.BILLING, hard, 5).get(4).value(), PaymentDeclined.class);
        assertThat(declined.kind()).hasToString("HARD");
        assertThat(declined.code()).isEqualTo("43");
        assertThat(declined.attempt()).isOne();
    }

    @Test
    void aCardWhoseCheckIsDeclinedIsRefusedAndTheOrderKeepsNone() {
        UUID orderId = UUID.randomUUID();
        orderService.publish(merchantId, instalments(orderId));
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(orderId)).isEqualTo("DRAFT"));

        HttpResponse<String> refused = api.send(
                "PUT",
                "/api/v1/orders/" + orderId + "/card",
                merchant,
                "{\"token\": \"" + token("4000000000000143") + "\"}");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(json(refused).path("code").asString()).isEqualTo("14");
        assertThat(api.get("/api/v1/orders/" + orderId + "/card", merchant).statusCode())
                .isEqualTo(404);
        assertThat(api.send("PUT", "/api/v1/orders/" + orderId + "/card", merchant, "{\"token\": \"tok_unknown\"}")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void eventsOfSuspendedOrPausedOrdersAndOfOrdersWithoutACardWait() {
        UUID suspended = activeInstalmentOrder("4242424242424242");
        orderService.publish(
                merchantId,
                golden(OrderStatusChanged.class, "orderId", suspended, "from", "ACTIVE", "to", "SUSPENDED"));
        UUID paused = activeInstalmentOrder("4242424242424242");
        orderService.publish(
                merchantId, golden(OrderStatusChanged.class, "orderId", paused, "from", "ACTIVE", "to", "PAUSED"));
        UUID noCard = UUID.randomUUID();
        orderService.publish(merchantId, instalments(noCard));
        orderService.publish(merchantId, golden(OrderStatusChanged.class, "orderId", noCard));
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(paused)).isEqualTo("PAUSED"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(suspended)).isEqualTo("SUSPENDED"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(noCard)).isEqualTo("ACTIVE"));

        run.collectDue();

        for (UUID order : List.of(suspended, paused, noCard)) {
            assertThat(transactions(order, "APPROVED"))
                    .as("charges of %s", order)
                    .isZero();
        }
    }

    @Test
    void twoRunsSideBySideChargeEachDueEventExactlyOnce() {
        List<UUID> orders = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            orders.add(activeInstalmentOrder("4242424242424242"));
        }

        int first;
        int second;
        // A thread each: on two cores the common pool would run one run after the other.
        try (ExecutorService sideBySide = Executors.newFixedThreadPool(2)) {
            CompletableFuture<Integer> one = CompletableFuture.supplyAsync(run::collectDue, sideBySide);
            CompletableFuture<Integer> other = CompletableFuture.supplyAsync(run::collectDue, sideBySide);
            first = one.join();
            second = other.join();
        }

        // One batch holds all 120: whichever run claims first takes them, and the other skips them.
        assertThat(first + second).isEqualTo(120);
        for (UUID order : orders) {
            assertThat(transactions(order, "APPROVED")).isEqualTo(3);
        }
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM sandbox_request r JOIN payment_transaction t
                        ON t.idempotency_key = r.idempotency_key WHERE t.order_id IN (:orders)""").param("orders", orders).query(Long.class).single())
                .as("charges the processor received")
                .isEqualTo(120);
    }

    @Test
    void executeNowCollectsAScheduledEventEarlyAndOnlyOnce() {
        UUID orderId = activeInstalmentOrder("4242424242424242");
        run.collectDue();
        String fourth = json(api.get("/api/v1/orders/" + orderId + "/billing-events", merchant))
                .get(3)
                .path("id")
                .asString();

        JsonNode executed = json(api.post("/api/v1/billing-events/" + fourth + "/execute-now", merchant, null));

        assertThat(executed.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(executed.path("attempts").asInt()).isOne();
        HttpResponse<String> again = api.post("/api/v1/billing-events/" + fourth + "/execute-now", merchant, null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).path("currentStatus").asString()).isEqualTo("COMPLETED");
        assertThat(transactions(orderId, "APPROVED")).isEqualTo(4);
    }

    @Test
    void aRetryChargesASoftDeclinedEventAgainWithinFifteenRetriesAndThirtyDays() {
        UUID orderId = activeInstalmentOrder("4000000000009953");
        run.collectDue();
        List<String> ids = json(api.get("/api/v1/orders/" + orderId + "/billing-events", merchant))
                .valueStream()
                .map(e -> e.path("id").asString())
                .toList();
        String first = ids.get(0);
        assertThat(jdbc.sql("SELECT retry_window_from FROM billing_event WHERE id = CAST(:id AS uuid)")
                        .param("id", first)
                        .query(java.sql.Timestamp.class)
                        .optional())
                .as("the soft decline opened the retry window")
                .isPresent();

        JsonNode retried = json(api.post("/api/v1/billing-events/" + first + "/retry", merchant, null));
        assertThat(retried.path("status").asString())
                .as("the same card declines again")
                .isEqualTo("SOFT_DECLINED");
        assertThat(retried.path("attempts").asInt()).isEqualTo(2);
        List<ConsumerRecord<String, byte[]>> afterRetry =
                TopicReader.recordsOf(Topics.BILLING, orderId, 9).subList(7, 9);
        BillingEventRetried retriedEvent = EventJson.read(afterRetry.get(0).value(), BillingEventRetried.class);
        assertThat(retriedEvent.billingEventId()).hasToString(first);
        assertThat(retriedEvent.attempt()).isEqualTo(2);
        PaymentDeclined declined = EventJson.read(afterRetry.get(1).value(), PaymentDeclined.class);
        assertThat(declined.attempt()).isEqualTo(2);
        assertThat(new String(afterRetry.get(1).headers().lastHeader("ce_type").value()))
                .isEqualTo("io.billstream.billing.PaymentDeclined.v1");

        assertThat(api.post("/api/v1/billing-events/" + ids.get(3) + "/retry", merchant, null)
                        .statusCode())
                .as("a SCHEDULED event is not retried")
                .isEqualTo(409);
        setAttempts(first, 16);
        HttpResponse<String> tooMany = api.post("/api/v1/billing-events/" + first + "/retry", merchant, null);
        assertThat(tooMany.statusCode()).isEqualTo(409);
        assertThat(json(tooMany).path("retries").asInt()).isEqualTo(15);
        setAttempts(first, 2);
        jdbc.sql("UPDATE billing_event SET retry_window_from = now() - interval '31 days' WHERE id = CAST(:id AS uuid)")
                .param("id", first)
                .update();
        assertThat(api.post("/api/v1/billing-events/" + first + "/retry", merchant, null)
                        .statusCode())
                .as("more than 30 days after the soft decline")
                .isEqualTo(409);
        assertThat(transactions(orderId, "SOFT_DECLINED"))
                .as("no charge for a refused retry")
                .isEqualTo(4);

        orderService.publish(
                merchantId, golden(OrderStatusChanged.class, "orderId", orderId, "from", "FAILED", "to", "SUSPENDED"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(orderId)).isEqualTo("SUSPENDED"));
        HttpResponse<String> suspended = api.post("/api/v1/billing-events/" + ids.get(1) + "/retry", merchant, null);
        assertThat(suspended.statusCode()).isEqualTo(409);
        assertThat(json(suspended).path("orderStatus").asString()).isEqualTo("SUSPENDED");
    }

    private void setAttempts(String billingEventId, int attempts) {
        jdbc.sql("UPDATE billing_event SET attempts = :attempts WHERE id = CAST(:id AS uuid)")
                .param("attempts", attempts)
                .param("id", billingEventId)
                .update();
    }

    private List<String> statuses(UUID orderId) {
        return json(api.get("/api/v1/orders/" + orderId + "/billing-events", merchant))
                .valueStream()
                .map(e -> e.path("status").asString())
                .toList();
    }
}

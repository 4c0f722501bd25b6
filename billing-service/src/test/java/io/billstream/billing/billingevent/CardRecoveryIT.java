package io.billstream.billing.billingevent;

import static io.billstream.platform.test.ApiClient.json;
import static io.billstream.platform.test.GoldenEvents.golden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billstream.events.EventJson;
import io.billstream.events.Topics;
import io.billstream.events.billing.PaymentRecovered;
import io.billstream.events.order.OrderStatusChanged;
import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.TopicReader;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * Recovery on a card update, on real PostgreSQL and Kafka with the sandbox processor: when an order's card is
 * replaced, its declined and overdue billing events are collected on the new card at once, except those the merchant
 * moved to a later date; declined ones become RECOVERED.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "billstream.billing-run.initial-delay=1h")
@RealInfrastructure
class CardRecoveryIT extends MerchantScenario {

    @Autowired
    BillingRun run;

    @Test
    void aSuspendedOrdersArrearsAreCollectedOnTheNewCardExceptWhatWasMovedLater() {
        UUID orderId = activeInstalmentOrder("4000000000000432");
        run.collectDue();
        List<String> ids = json(api.get("/api/v1/orders/" + orderId + "/billing-events", merchant))
                .valueStream()
                .map(event -> event.path("id").asString())
                .toList();
        assertThat(statuses(orderId)).containsExactly("HARD_DECLINED", "HARD_DECLINED", "HARD_DECLINED", "SCHEDULED");
        orderService.publish(
                merchantId, golden(OrderStatusChanged.class, "orderId", orderId, "from", "ACTIVE", "to", "SUSPENDED"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(orderId)).isEqualTo("SUSPENDED"));
        String later = Instant.now().plus(10, ChronoUnit.DAYS).toString();
        assertThat(api.post(
                                "/api/v1/billing-events/" + ids.get(2) + "/reschedule",
                                merchant,
                                "{\"scheduledAt\": \"" + later + "\"}")
                        .statusCode())
                .isEqualTo(200);

        JsonNode card = json(api.put(
                "/api/v1/orders/" + orderId + "/card", merchant, "{\"token\": \"" + token("4242424242424242") + "\"}"));

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(statuses(orderId))
                        .containsExactly("RECOVERED", "RECOVERED", "SCHEDULED", "SCHEDULED"));
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM payment_transaction
                        WHERE order_id = :id AND status = 'APPROVED' AND card_id = CAST(:card AS uuid)""")
                        .param("id", orderId)
                        .param("card", card.path("id").asString())
                        .query(Long.class)
                        .single())
                .as("collected on the new card")
                .isEqualTo(2);
        List<PaymentRecovered>
                recovered = // 4 scheduled, 3 declined, 1 rescheduled, then an approval and a recovery each for two.
                TopicReader.recordsOf(Topics.BILLING, orderId, 12).stream()
                                .filter(r -> new String(r.headers()
                                                .lastHeader("ce_type")
                                                .value())
                                        .contains("PaymentRecovered"))
                                .map(r -> EventJson.read(r.value(), PaymentRecovered.class))
                                .toList();
        assertThat(recovered)
                .extracting(event -> event.billingEventId().toString())
                .containsExactlyInAnyOrder(ids.get(0), ids.get(1));
        assertThat(recovered).extracting(PaymentRecovered::attempt).containsOnly(2);

        run.collectDue();
        assertThat(transactions(orderId, "APPROVED"))
                .as("a later run charges nothing of it again")
                .isEqualTo(2);
    }

    @Test
    void arrearsTheNewCardDeclinesWaitForTheUsualRules() {
        UUID orderId = activeInstalmentOrder("4000000000009953");
        run.collectDue();
        assertThat(statuses(orderId)).containsExactly("SOFT_DECLINED", "SOFT_DECLINED", "SOFT_DECLINED", "SCHEDULED");

        api.put("/api/v1/orders/" + orderId + "/card", merchant, "{\"token\": \"" + token("4000000000000051") + "\"}");

        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(transactions(orderId, "SOFT_DECLINED")).isEqualTo(6));
        run.collectDue();
        run.collectDue();
        assertThat(transactions(orderId, "SOFT_DECLINED"))
                .as("declined on the new card, not charged again by the runs")
                .isEqualTo(6);
        assertThat(json(api.get("/api/v1/orders/" + orderId + "/billing-events", merchant))
                        .get(0)
                        .path("attempts")
                        .asInt())
                .isEqualTo(2);
    }

    private List<String> statuses(UUID orderId) {
        return json(api.get("/api/v1/orders/" + orderId + "/billing-events", merchant))
                .valueStream()
                .map(e -> e.path("status").asString())
                .toList();
    }
}

package io.billstream.billing.billingevent;

import static io.billstream.platform.test.ApiClient.json;
import static io.billstream.platform.test.GoldenEvents.golden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billstream.billing.SandboxCards;
import io.billstream.billing.card.ExpiringCards;
import io.billstream.events.EventJson;
import io.billstream.events.Topics;
import io.billstream.events.card.CardExpiring;
import io.billstream.events.order.FirstAction;
import io.billstream.events.order.OrderStatusChanged;
import io.billstream.events.order.PurchaseType;
import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.TopicReader;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * Expiring cards on real PostgreSQL and Kafka: a card a live order uses that expires this month or next, or has
 * expired, is published as CardExpiring once per month; other cards are not.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "billstream.billing-run.initial-delay=1h")
@RealInfrastructure
class ExpiringCardsIT extends MerchantScenario {

    @Autowired
    ExpiringCards expiringCards;

    @Test
    void cardsOfLiveOrdersThatExpireSoonOrHaveExpiredAreNoticedOncePerMonth() {
        YearMonth thisMonth = YearMonth.from(ZonedDateTime.now(BERLIN));
        UUID soon = activeOrderWithCard(thisMonth.plusMonths(1));
        UUID later = activeOrderWithCard(thisMonth.plusMonths(3));
        UUID expired = activeOrderWithCard(thisMonth.plusMonths(1));
        jdbc.sql("""
                        UPDATE card SET expiry_year = :year, expiry_month = 6
                        WHERE id = (SELECT card_id FROM order_copy WHERE id = :id)""")
                .param("year", thisMonth.getYear() - 1)
                .param("id", expired)
                .update();
        UUID draft = UUID.randomUUID();
        orderService.publish(
                merchantId, FirstPaymentsIT.order(draft, UUID.randomUUID(), PurchaseType.SINGLE, FirstAction.PAYMENT));
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(draft)).isEqualTo("DRAFT"));
        api.put("/api/v1/orders/" + draft + "/card", merchant, "{\"token\": \"" + token(thisMonth) + "\"}");

        expiringCards.notice();
        expiringCards.notice();

        CardExpiring notice = only(soon);
        assertThat(notice.expired()).isFalse();
        assertThat(notice.orderIds()).containsExactly(soon);
        assertThat(notice.month()).isEqualTo(thisMonth.atDay(1));
        assertThat(notice.last4()).isEqualTo("4242");
        assertThat(only(expired).expired()).isTrue();
        try (TopicReader reader = new TopicReader(Topics.PAYMENT_METHODS)) {
            List<String> noticedCustomers = reader.readToEnd(Duration.ofSeconds(60)).stream()
                    .filter(r -> new String(r.headers().lastHeader("ce_type").value()).contains("CardExpiring"))
                    .map(r -> r.key())
                    .toList();
            assertThat(noticedCustomers)
                    .as("a card expiring in three months, and one of a draft order, are not noticed")
                    .doesNotContain(
                            customerOf(later).toString(), customerOf(draft).toString());
            assertThat(noticedCustomers)
                    .as("once a month")
                    .containsOnlyOnce(
                            customerOf(soon).toString(), customerOf(expired).toString());
        }
    }

    /** The one CardExpiring of the order's customer, after its CardRegistered. */
    private CardExpiring only(UUID orderId) {
        return EventJson.read(
                TopicReader.recordsOf(Topics.PAYMENT_METHODS, customerOf(orderId), 2)
                        .get(1)
                        .value(),
                CardExpiring.class);
    }

    private UUID customerOf(UUID orderId) {
        return jdbc.sql("SELECT customer_id FROM order_copy WHERE id = :id")
                .param("id", orderId)
                .query(UUID.class)
                .single();
    }

    private UUID activeOrderWithCard(YearMonth expiry) {
        UUID orderId = UUID.randomUUID();
        orderService.publish(merchantId, instalments(orderId));
        orderService.publish(merchantId, golden(OrderStatusChanged.class, "orderId", orderId));
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(orderId)).isEqualTo("ACTIVE"));
        JsonNode card = json(
                api.put("/api/v1/orders/" + orderId + "/card", merchant, "{\"token\": \"" + token(expiry) + "\"}"));
        assertThat(card.path("expiryMonth").asInt()).isEqualTo(expiry.getMonthValue());
        return orderId;
    }

    private String token(YearMonth expiry) {
        return SandboxCards.token(api, "4242424242424242", expiry);
    }
}

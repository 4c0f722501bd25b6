package io.billstream.billing.billingevent;

import static io.billstream.platform.test.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.billstream.events.EventCatalog;
import io.billstream.events.EventJson;
import io.billstream.events.Topics;
import io.billstream.events.billing.PaymentDeclined;
import io.billstream.events.billing.PaymentRecovered;
import io.billstream.events.billing.PaymentRetriesExhausted;
import io.billstream.platform.test.MovableClock;
import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.TopicReader;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * Retries with the service's clock moved forward: the billing run retries soft declines by the merchant's policy
 * until one is approved (RECOVERED), and no retry, automatic or by hand, goes beyond 15 or 30 days after the soft
 * decline; then the event is declined for good, once.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "billstream.billing-run.initial-delay=1h")
@RealInfrastructure
@Import(MovedTime.class)
class RetriesIT extends MerchantScenario {

    @Autowired
    BillingRun run;

    @Autowired
    Clock clock;

    @BeforeEach
    void realTime() {
        moved().reset();
    }

    @Test
    void fifteenRetriesAtMostAndNoneLaterThanThirtyDaysAfterTheSoftDecline() {
        UUID orderId = activeInstalmentOrder("4000000000009953");
        run.collectDue();
        List<String> declined = json(api.get("/api/v1/orders/" + orderId + "/billing-events", merchant))
                .valueStream()
                .filter(event -> event.path("status").asString().equals("SOFT_DECLINED"))
                .map(event -> event.path("id").asString())
                .toList();
        assertThat(declined).hasSize(3);
        String first = declined.get(0);

        for (int retry = 1; retry <= 15; retry++) {
            moved().advance(Duration.ofDays(1));
            HttpResponse<String> retried = retry(first);
            assertThat(retried.statusCode()).as("retry %d", retry).isEqualTo(200);
            assertThat(json(retried).path("attempts").asInt()).isEqualTo(retry + 1);
        }
        HttpResponse<String> sixteenth = retry(first);

        assertThat(sixteenth.statusCode()).isEqualTo(409);
        assertThat(json(sixteenth).path("retries").asInt()).isEqualTo(15);
        assertThat(json(sixteenth).path("type").asString()).isNotBlank();

        // Day 15 now; the other two declined on day 0.
        moved().advance(Duration.ofDays(15).minusMinutes(1));
        assertThat(retry(declined.get(1)).statusCode())
                .as("29 days and 23:59 after")
                .isEqualTo(200);
        moved().advance(Duration.ofMinutes(2));
        HttpResponse<String> late = retry(declined.get(2));
        assertThat(late.statusCode()).as("30 days and a minute after").isEqualTo(409);
        assertThat(json(late).path("retryWindowFrom").asString()).isNotBlank();
        assertThat(transactions(orderId, "SOFT_DECLINED"))
                .as("3 first attempts, 15 retries of one, 1 of another; nothing for the refused ones")
                .isEqualTo(19);
    }

    @Test
    void theRunRetriesByThePolicyUntilTheIssuerApproves() {
        // The Berlin merchant's policy: 24, 72, 168, 336 and 672 hours after the soft decline.
        UUID orderId = activeInstalmentOrder("4000000000009953");
        run.collectDue();
        String first = billingEvent(orderId, 0).path("id").asString();
        PaymentDeclined declined = lastOf(orderId, PaymentDeclined.class);
        Instant declinedAt = declined.declinedAt();
        assertThat(declined.nextRetryAt())
                .isCloseTo(declinedAt.plus(Duration.ofHours(24)), within(1, ChronoUnit.MILLIS));
        JsonNode shown = json(api.get("/api/v1/orders/" + orderId + "/billing-events", merchant))
                .valueStream()
                .filter(event -> event.path("id")
                        .asString()
                        .equals(declined.billingEventId().toString()))
                .findFirst()
                .orElseThrow();
        assertThat(shown.path("lastDecline").path("kind").asString())
                .as("what the event said, the API says")
                .isEqualTo("SOFT");
        assertThat(shown.path("lastDecline").path("code").asString()).isEqualTo("51");
        assertThat(shown.path("lastDecline").path("reason").asString()).isEqualTo("Insufficient funds");
        assertThat(Instant.parse(shown.path("nextRetryAt").asString()))
                .isCloseTo(declined.nextRetryAt(), within(1, ChronoUnit.MILLIS));

        moved().advance(Duration.ofHours(23));
        run.collectDue();
        assertThat(billingEvent(orderId, 0).path("attempts").asInt())
                .as("not yet")
                .isOne();
        moved().advance(Duration.ofHours(2));
        run.collectDue();
        assertThat(billingEvent(orderId, 0).path("attempts").asInt()).isEqualTo(2);
        java.util.Map<String, Object> retry = jdbc.sql(
                        "SELECT retry_window_from, next_retry_at FROM billing_event WHERE id = CAST(:id AS uuid)")
                .param("id", first)
                .query()
                .singleRow();
        assertThat(((java.sql.Timestamp) retry.get("next_retry_at")).toInstant())
                .as("the second retry, 72 hours after the soft decline")
                .isEqualTo(((java.sql.Timestamp) retry.get("retry_window_from"))
                        .toInstant()
                        .plus(Duration.ofHours(72)));

        jdbc.sql("""
                        UPDATE sandbox_card SET result = 'APPROVED', code = '00'
                        WHERE token = (SELECT c.token FROM card c JOIN order_copy o ON o.card_id = c.id WHERE o.id = :id)""").param("id", orderId).update();
        moved().advance(Duration.ofHours(48));
        run.collectDue();

        JsonNode recovered = billingEvent(orderId, 0);
        assertThat(recovered.path("status").asString()).isEqualTo("RECOVERED");
        assertThat(recovered.path("attempts").asInt()).isEqualTo(3);
        assertThat(allOf(orderId, PaymentRecovered.class))
                .as("the issuer approves all three at their retries")
                .extracting(event -> event.billingEventId().toString())
                .contains(first)
                .hasSize(3);
        moved().advance(Duration.ofDays(10));
        run.collectDue();
        assertThat(billingEvent(orderId, 0).path("attempts").asInt())
                .as("retries stop")
                .isEqualTo(3);
    }

    @Test
    void aSoftDeclineLeftUnpaidThirtyDaysIsDeclinedForGoodOnce() {
        UUID orderId = activeInstalmentOrder("4000000000009953");
        run.collectDue();
        jdbc.sql("UPDATE billing_event SET next_retry_at = NULL WHERE order_id = :id")
                .param("id", orderId)
                .update();

        moved().advance(Duration.ofDays(30).plusMinutes(1));
        run.collectDue();
        run.collectDue();

        List<PaymentRetriesExhausted> exhausted = TopicReader.recordsOf(Topics.BILLING, orderId, 11).stream()
                .filter(r -> new String(r.headers().lastHeader("ce_type").value()).contains("RetriesExhausted"))
                .map(r -> EventJson.read(r.value(), PaymentRetriesExhausted.class))
                .toList();
        assertThat(exhausted)
                .hasSize(3)
                .extracting(PaymentRetriesExhausted::attempts)
                .containsOnly(1);
        assertThat(retry(billingEvent(orderId, 0).path("id").asString()).statusCode())
                .isEqualTo(409);
    }

    private JsonNode billingEvent(UUID orderId, int index) {
        return json(api.get("/api/v1/orders/" + orderId + "/billing-events", merchant))
                .get(index);
    }

    /** The order's newest event of {@code type} on the billing topic. */
    private <T> T lastOf(UUID orderId, Class<T> type) {
        return allOf(orderId, type).getLast();
    }

    /** The order's events of {@code type} on the billing topic, oldest first. */
    private <T> List<T> allOf(UUID orderId, Class<T> type) {
        String typeName = EventCatalog.of(type).typeName();
        awaitPublished(orderId);
        try (TopicReader reader = new TopicReader(Topics.BILLING)) {
            List<ConsumerRecord<String, byte[]>> records = reader.readToEnd(Duration.ofSeconds(60)).stream()
                    .filter(r -> orderId.toString().equals(r.key()))
                    .filter(r -> typeName.equals(
                            new String(r.headers().lastHeader("ce_type").value())))
                    .toList();
            return records.stream().map(r -> EventJson.read(r.value(), type)).toList();
        }
    }

    private HttpResponse<String> retry(String billingEventId) {
        return api.post("/api/v1/billing-events/" + billingEventId + "/retry", merchant, null);
    }

    private MovableClock moved() {
        return (MovableClock) clock;
    }
}

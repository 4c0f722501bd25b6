package io.billstream.billing.billingevent;

import static io.billstream.platform.test.ApiClient.json;
import static io.billstream.platform.test.GoldenEvents.golden;
import static org.assertj.core.api.Assertions.assertThat;

import io.billstream.events.EventJson;
import io.billstream.events.Money;
import io.billstream.events.Topics;
import io.billstream.events.billing.BillingEventMerged;
import io.billstream.events.billing.BillingEventRescheduled;
import io.billstream.events.billing.BillingEventScheduled;
import io.billstream.events.billing.BillingEventSkipped;
import io.billstream.events.order.BillingInterval;
import io.billstream.events.order.OrderCreated;
import io.billstream.events.order.OrderStatusChanged;
import io.billstream.events.order.PaymentPlan;
import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.TestTokens;
import io.billstream.platform.test.TopicReader;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** The merchant's skip, reschedule and merge on real PostgreSQL and Kafka: allowed, refused, and published. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class BillingEventActionsIT extends MerchantScenario {

    @Test
    void skippingReschedulingAndMergingChangeTheScheduleAndArePublished() {
        UUID orderId = instalmentOrder(4, 40000);
        List<String> ids = ids(awaitBillingEvents(orderId, 4));

        JsonNode skipped = json(api.post("/api/v1/billing-events/" + ids.get(1) + "/skip", merchant, null));
        assertThat(skipped.path("status").asString()).isEqualTo("SKIPPED");
        HttpResponse<String> again = api.post("/api/v1/billing-events/" + ids.get(1) + "/skip", merchant, null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).path("currentStatus").asString()).isEqualTo("SKIPPED");

        Instant later = Instant.now().plus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        JsonNode rescheduled = json(api.post(
                "/api/v1/billing-events/" + ids.get(2) + "/reschedule",
                merchant,
                "{\"amount\": 12000, \"scheduledAt\": \"" + later + "\"}"));
        assertThat(rescheduled.path("amount").path("amount").asLong()).isEqualTo(12000);
        assertThat(rescheduled.path("status").asString()).isEqualTo("SCHEDULED");

        HttpResponse<String> merge = api.post(
                "/api/v1/orders/" + orderId + "/billing-events/merge",
                merchant,
                "{\"billingEventIds\": [\"" + ids.get(2) + "\", \"" + ids.get(3) + "\"]}");
        assertThat(merge.statusCode()).isEqualTo(201);
        JsonNode replacement = json(merge);
        assertThat(replacement.path("amount").path("amount").asLong())
                .as("their sum")
                .isEqualTo(22000);

        JsonNode events = json(api.get("/api/v1/orders/" + orderId + "/billing-events", merchant));
        assertThat(events.valueStream().map(e -> e.path("status").asString()))
                .containsExactlyInAnyOrder("SCHEDULED", "SKIPPED", "MERGED", "MERGED", "SCHEDULED");
        assertThat(events.valueStream()
                        .filter(e -> e.path("status").asString().equals("MERGED"))
                        .map(e -> e.path("mergedInto").asString()))
                .containsOnly(replacement.path("id").asString());
        Instant firstMergedDate = events.valueStream()
                .filter(e -> e.path("id").asString().equals(ids.get(3)))
                .map(e -> Instant.parse(e.path("scheduledAt").asString()))
                .findFirst()
                .orElseThrow();
        assertThat(Instant.parse(replacement.path("scheduledAt").asString()))
                .as("the earlier of the rescheduled third and the fourth instalment")
                .isEqualTo(firstMergedDate.isBefore(later) ? firstMergedDate : later);

        List<ConsumerRecord<String, byte[]>> published = TopicReader.recordsOf(Topics.BILLING, orderId, 7);
        assertThat(EventJson.read(published.get(4).value(), BillingEventSkipped.class)
                        .amount())
                .isEqualTo(Money.of(10000, "EUR"));
        BillingEventRescheduled change = EventJson.read(published.get(5).value(), BillingEventRescheduled.class);
        assertThat(change.previousAmount()).isEqualTo(Money.of(10000, "EUR"));
        assertThat(change.amount()).isEqualTo(Money.of(12000, "EUR"));
        BillingEventMerged merged = EventJson.read(published.get(6).value(), BillingEventMerged.class);
        assertThat(merged.newBillingEventId())
                .hasToString(replacement.path("id").asString());
        assertThat(merged.mergedBillingEventIds().stream().map(UUID::toString)).containsExactly(ids.get(2), ids.get(3));
    }

    @Test
    void badActionsAreRefusedAndChangeNothing() {
        UUID orderId = instalmentOrder(3, 30000);
        List<String> ids = ids(awaitBillingEvents(orderId, 3));
        String event = "/api/v1/billing-events/" + ids.get(0);

        assertThat(api.post(event + "/reschedule", merchant, "{\"amount\": 0}").statusCode())
                .isEqualTo(400);
        assertThat(api.post(event + "/reschedule", merchant, "{}").statusCode()).isEqualTo(400);
        assertThat(api.post(event + "/reschedule", merchant, "{\"scheduledAt\": \"2020-01-01T00:00:00Z\"}")
                        .statusCode())
                .isEqualTo(400);
        String merge = "/api/v1/orders/" + orderId + "/billing-events/merge";
        assertThat(api.post(merge, merchant, "{\"billingEventIds\": [\"" + ids.get(0) + "\"]}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(api.post(
                                merge,
                                merchant,
                                "{\"billingEventIds\": [\"" + ids.get(0) + "\", \"" + ids.get(1)
                                        + "\"], \"date\": \"LATER\"}")
                        .statusCode())
                .isEqualTo(400);
        UUID otherOrder = instalmentOrder(2, 20000);
        String foreign = ids(awaitBillingEvents(otherOrder, 2)).get(0);
        assertThat(api.post(merge, merchant, "{\"billingEventIds\": [\"" + ids.get(0) + "\", \"" + foreign + "\"]}")
                        .statusCode())
                .as("an event of another order")
                .isEqualTo(404);

        String stranger = TestTokens.merchant(UUID.randomUUID());
        assertThat(api.post(event + "/skip", stranger, null).statusCode()).isEqualTo(404);
        assertThat(api.post(event + "/reschedule", stranger, "{\"amount\": 5}").statusCode())
                .isEqualTo(404);
        assertThat(api.post(merge, stranger, "{\"billingEventIds\": [\"" + ids.get(0) + "\", \"" + ids.get(1) + "\"]}")
                        .statusCode())
                .isEqualTo(404);

        assertThat(json(api.get("/api/v1/orders/" + orderId + "/billing-events", merchant))
                        .valueStream()
                        .map(e -> e.path("status").asString() + " "
                                + e.path("amount").path("amount").asLong()))
                .containsExactly("SCHEDULED 10000", "SCHEDULED 10000", "SCHEDULED 10000");
    }

    @Test
    void skippingASubscriptionCycleSchedulesTheNextOne() {
        UUID orderId = UUID.randomUUID();
        orderService.publish(
                merchantId,
                golden(
                        OrderCreated.class,
                        "orderId",
                        orderId,
                        "purchaseType",
                        "SUBSCRIPTION",
                        "total",
                        Money.of(1999, "EUR"),
                        "plan",
                        new PaymentPlan(BillingInterval.MONTHLY, null, Money.of(1999, "EUR"), 3)));
        Instant activatedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        orderService.publish(
                merchantId, golden(OrderStatusChanged.class, "orderId", orderId, "changedAt", activatedAt));
        String cycle2 = ids(awaitBillingEvents(orderId, 1)).get(0);

        api.post("/api/v1/billing-events/" + cycle2 + "/skip", merchant, null);

        JsonNode events = awaitBillingEvents(orderId, 2);
        JsonNode cycle3 = events.get(1);
        assertThat(cycle3.path("number").asInt()).isEqualTo(3);
        assertThat(Instant.parse(cycle3.path("scheduledAt").asString()))
                .isEqualTo(activatedAt.atZone(BERLIN).plusMonths(2).toInstant());
        api.post("/api/v1/billing-events/" + cycle3.path("id").asString() + "/skip", merchant, null);
        assertThat(json(api.get("/api/v1/orders/" + orderId + "/billing-events", merchant))
                        .size())
                .as("a term of three cycles ends with the third")
                .isEqualTo(2);
        List<ConsumerRecord<String, byte[]>> published = TopicReader.recordsOf(Topics.BILLING, orderId, 4);
        assertThat(EventJson.read(published.get(2).value(), BillingEventScheduled.class)
                        .number())
                .isEqualTo(3);
    }

    private UUID instalmentOrder(int count, long total) {
        UUID orderId = UUID.randomUUID();
        orderService.publish(
                merchantId,
                golden(
                        OrderCreated.class,
                        "orderId",
                        orderId,
                        "total",
                        Money.of(total, "EUR"),
                        "plan",
                        new PaymentPlan(BillingInterval.MONTHLY, count, null, null)));
        return orderId;
    }

    private static List<String> ids(JsonNode events) {
        return events.valueStream().map(e -> e.path("id").asString()).toList();
    }
}

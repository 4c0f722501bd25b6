package io.billstream.billing.billingevent;

import static io.billstream.platform.test.ApiClient.json;
import static io.billstream.platform.test.GoldenEvents.golden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billstream.events.EventCatalog;
import io.billstream.events.EventJson;
import io.billstream.events.Money;
import io.billstream.events.Topics;
import io.billstream.events.billing.BillingEventCancelled;
import io.billstream.events.billing.BillingEventScheduled;
import io.billstream.events.order.OrderCreated;
import io.billstream.events.order.OrderStatusChanged;
import io.billstream.events.order.PaymentPlan;
import io.billstream.events.order.UsageRecorded;
import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.TestTokens;
import io.billstream.platform.test.TopicReader;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * Schedules that follow order-service's events on the real broker: every instalment at once, a subscription's next
 * cycle on activation, and the merchant's own billing events of metered orders.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class SchedulesIT extends MerchantScenario {

    @Test
    void anInstalmentOrderIsScheduledWholeAtCreationInTheMerchantsTimeZone() {
        UUID orderId = UUID.randomUUID();
        Instant createdAt = local("2027-01-31T09:30");
        ProducerRecord<String, byte[]> created =
                orderService.next(merchantId, instalments(orderId, 10000, 3, createdAt));
        orderService.send(created);
        orderService.send(created);

        JsonNode events = awaitBillingEvents(orderId, 3);
        assertThat(events.valueStream().map(e -> e.path("amount").path("amount").asLong()))
                .containsExactly(3334L, 3333L, 3333L);
        assertThat(events.valueStream().map(e -> e.path("number").asInt())).containsExactly(1, 2, 3);
        assertThat(events.valueStream()
                        .map(e -> Instant.parse(e.path("scheduledAt").asString())
                                .atZone(BERLIN)
                                .toLocalDateTime()
                                .toString()))
                .containsExactly("2027-01-31T09:30", "2027-02-28T09:30", "2027-03-31T09:30");
        assertThat(events.valueStream().map(e -> e.path("status").asString())).containsOnly("SCHEDULED");

        List<ConsumerRecord<String, byte[]>> published = TopicReader.recordsOf(Topics.BILLING, orderId, 3);
        assertThat(published.stream()
                        .map(r -> EventJson.read(r.value(), BillingEventScheduled.class)
                                .billingEventId()
                                .toString()))
                .containsExactlyElementsOf(
                        events.valueStream().map(e -> e.path("id").asString()).toList());
    }

    @Test
    void aSubscriptionPaidAtCheckoutSchedulesItsSecondCycleAnIntervalAfterActivation() {
        UUID orderId = UUID.randomUUID();
        orderService.publish(merchantId, subscription(orderId, "PAYMENT", null));
        Instant activatedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        orderService.publish(merchantId, activated(orderId, activatedAt));

        JsonNode cycle = awaitBillingEvents(orderId, 1).get(0);
        assertThat(cycle.path("number").asInt()).isEqualTo(2);
        assertThat(cycle.path("amount").path("amount").asLong()).isEqualTo(1999);
        assertThat(Instant.parse(cycle.path("scheduledAt").asString()))
                .isEqualTo(activatedAt.atZone(BERLIN).plusMonths(1).toInstant());

        UUID registered = UUID.randomUUID();
        orderService.publish(merchantId, subscription(registered, "CARD_REGISTRATION", null));
        orderService.publish(merchantId, activated(registered, activatedAt));
        JsonNode first = awaitBillingEvents(registered, 1).get(0);
        assertThat(first.path("number").asInt())
                .as("a registration paid nothing yet")
                .isOne();
        assertThat(Instant.parse(first.path("scheduledAt").asString())).isEqualTo(activatedAt);
    }

    @Test
    void aCancelledSubscriptionKeepsNoScheduledCycle() {
        UUID orderId = UUID.randomUUID();
        orderService.publish(merchantId, subscription(orderId, "PAYMENT", null));
        orderService.publish(merchantId, activated(orderId, Instant.now()));
        String cycle = awaitBillingEvents(orderId, 1).get(0).path("id").asString();

        orderService.publish(merchantId, ended(orderId, "CANCELLED", "SUBSCRIPTION_CANCELLED"));

        awaitEndedWithTheOrder(orderId, cycle, BillingEventCancelled.Reason.ORDER_CANCELLED);
    }

    @Test
    void anInstalmentOrderMarkedCompleteKeepsNoScheduledInstalment() {
        UUID orderId = UUID.randomUUID();
        orderService.publish(
                merchantId, instalments(orderId, 10000, 2, Instant.now().plus(1, ChronoUnit.DAYS)));
        orderService.publish(merchantId, activated(orderId, Instant.now()));
        JsonNode scheduled = awaitBillingEvents(orderId, 2);

        orderService.publish(merchantId, ended(orderId, "COMPLETE", "MARKED_COMPLETE"));

        for (JsonNode event : scheduled) {
            awaitEndedWithTheOrder(orderId, event.path("id").asString(), BillingEventCancelled.Reason.ORDER_COMPLETED);
        }
    }

    /** The billing event is CANCELLED, saying why, and published so, once. */
    private void awaitEndedWithTheOrder(UUID orderId, String billingEventId, BillingEventCancelled.Reason reason) {
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode event = json(api.get("/api/v1/orders/" + orderId + "/billing-events", merchant))
                    .valueStream()
                    .filter(e -> e.path("id").asString().equals(billingEventId))
                    .findFirst()
                    .orElseThrow();
            assertThat(event.path("status").asString()).isEqualTo("CANCELLED");
            assertThat(event.path("cancelReason").asString()).isEqualTo(reason.name());
        });
        String type = EventCatalog.of(BillingEventCancelled.class).typeName();
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(TopicReader.recordsOf(Topics.BILLING, orderId, 1).stream()
                                .filter(r -> type.equals(new String(
                                        r.headers().lastHeader("ce_type").value())))
                                .map(r -> EventJson.read(r.value(), BillingEventCancelled.class))
                                .filter(e -> e.billingEventId().toString().equals(billingEventId))
                                .toList())
                        .singleElement()
                        .satisfies(e -> assertThat(e.reason()).isEqualTo(reason)));
    }

    private static OrderStatusChanged ended(UUID orderId, String to, String transition) {
        return golden(
                OrderStatusChanged.class,
                "orderId",
                orderId,
                "from",
                "ACTIVE",
                "to",
                to,
                "transition",
                transition,
                "actor",
                "MERCHANT",
                "changedAt",
                Instant.now());
    }

    @Test
    void aMeteredOrderGetsTheBillingEventsItsMerchantCreatesAndNoOtherOrderDoes() {
        UUID metered = UUID.randomUUID();
        orderService.publish(merchantId, metered(metered));
        UUID instalment = UUID.randomUUID();
        orderService.publish(merchantId, instalments(instalment, 10000, 2, Instant.now()));
        awaitBillingEvents(instalment, 2);

        HttpResponse<String> created =
                api.post("/api/v1/orders/" + metered + "/billing-events", merchant, "{\"amount\": 8400}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).path("number").isNull()).isTrue();
        assertThat(json(created).path("amount").path("currency").asString()).isEqualTo("EUR");

        HttpResponse<String> planned =
                api.post("/api/v1/orders/" + instalment + "/billing-events", merchant, "{\"amount\": 8400}");
        assertThat(planned.statusCode()).isEqualTo(409);
        assertThat(json(planned).path("purchaseType").asString()).isEqualTo("INSTALMENT");
        assertThat(api.post("/api/v1/orders/" + metered + "/billing-events", merchant, "{\"amount\": 0}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(api.post(
                                "/api/v1/orders/" + metered + "/billing-events",
                                merchant,
                                "{\"amount\": 100, \"scheduledAt\": \"2020-01-01T00:00:00Z\"}")
                        .statusCode())
                .isEqualTo(400);

        String other = TestTokens.merchant(UUID.randomUUID());
        assertThat(api.get("/api/v1/orders/" + metered + "/billing-events", other)
                        .statusCode())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/orders/" + metered + "/billing-events", other, "{\"amount\": 100}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(json(api.get("/api/v1/orders/" + metered + "/billing-events", merchant))
                        .size())
                .as("only the merchant's one event")
                .isOne();
    }

    @Test
    void aMeteredOrdersUsageIsBilledOnceAndOpenAgainWhenItsEventIsSkipped() {
        UUID metered = UUID.randomUUID();
        orderService.publish(merchantId, metered(metered));
        UUID shots = UUID.randomUUID();
        UUID milk = UUID.randomUUID();
        orderService.publish(merchantId, golden(UsageRecorded.class, "orderId", metered, "usageRecordId", shots));
        orderService.publish(
                merchantId,
                golden(
                        UsageRecorded.class,
                        "orderId",
                        metered,
                        "usageRecordId",
                        milk,
                        "amount",
                        Money.of(1600, "EUR")));
        String billingEvents = "/api/v1/orders/" + metered + "/billing-events";
        org.awaitility.Awaitility.await()
                .atMost(WAIT)
                .untilAsserted(() -> assertThat(jdbc.sql("SELECT count(*) FROM usage_record_copy WHERE order_id = :id")
                                .param("id", metered)
                                .query(Long.class)
                                .single())
                        .isEqualTo(2));

        HttpResponse<String> billed = api.post(billingEvents, merchant, "{}");

        assertThat(billed.statusCode()).as(billed.body()).isEqualTo(201);
        assertThat(json(billed).path("amount").path("amount").asLong()).isEqualTo(10000);
        BillingEventScheduled scheduled = EventJson.read(
                TopicReader.recordsOf(Topics.BILLING, metered, 1).get(0).value(), BillingEventScheduled.class);
        assertThat(scheduled.usageRecordIds()).containsExactlyInAnyOrder(shots, milk);
        HttpResponse<String> nothingOpen = api.post(billingEvents, merchant, "{}");
        assertThat(nothingOpen.statusCode()).as("the usage is billed once").isEqualTo(400);

        String billedId = json(billed).path("id").asString();
        assertThat(api.post("/api/v1/billing-events/" + billedId + "/skip", merchant, null)
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> again = api.post(billingEvents, merchant, "{}");
        assertThat(again.statusCode())
                .as("a skipped event's usage is open again")
                .isEqualTo(201);
        assertThat(json(again).path("amount").path("amount").asLong()).isEqualTo(10000);
    }

    private static OrderCreated metered(UUID orderId) {
        return golden(
                OrderCreated.class,
                "orderId",
                orderId,
                "purchaseType",
                "METERED",
                "plan",
                new PaymentPlan(null, null, null, null));
    }

    private OrderCreated instalments(UUID orderId, long total, int count, Instant createdAt) {
        return golden(
                OrderCreated.class,
                "orderId",
                orderId,
                "total",
                Money.of(total, "EUR"),
                "plan",
                new PaymentPlan(io.billstream.events.order.BillingInterval.MONTHLY, count, null, null),
                "createdAt",
                createdAt);
    }

    private OrderCreated subscription(UUID orderId, String firstAction, Integer cycles) {
        return golden(
                OrderCreated.class,
                "orderId",
                orderId,
                "purchaseType",
                "SUBSCRIPTION",
                "total",
                Money.of(1999, "EUR"),
                "plan",
                new PaymentPlan(
                        io.billstream.events.order.BillingInterval.MONTHLY, null, Money.of(1999, "EUR"), cycles),
                "firstAction",
                firstAction);
    }

    private static OrderStatusChanged activated(UUID orderId, Instant at) {
        return golden(OrderStatusChanged.class, "orderId", orderId, "changedAt", at);
    }

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(BERLIN).toInstant();
    }
}

package io.billstream.order.order;

import static io.billstream.platform.test.ApiClient.json;
import static io.billstream.platform.test.GoldenEvents.golden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billstream.events.EventEnvelope;
import io.billstream.events.Money;
import io.billstream.events.Topics;
import io.billstream.events.billing.BillingEventMerged;
import io.billstream.events.billing.BillingEventRescheduled;
import io.billstream.events.billing.BillingEventScheduled;
import io.billstream.events.billing.BillingEventSkipped;
import io.billstream.events.billing.CreditIssued;
import io.billstream.events.billing.PaymentApproved;
import io.billstream.events.billing.PaymentDeclined;
import io.billstream.events.billing.PaymentRecovered;
import io.billstream.events.billing.PaymentRetriesExhausted;
import io.billstream.events.billing.RefundIssued;
import io.billstream.events.order.BillingInterval;
import io.billstream.events.order.FirstAction;
import io.billstream.events.order.PaymentChannel;
import io.billstream.events.order.PurchaseType;
import io.billstream.order.OrderServiceFixtures;
import io.billstream.order.customer.Customers;
import io.billstream.order.merchant.Merchants;
import io.billstream.platform.inbox.DeadLetters;
import io.billstream.platform.test.ApiClient;
import io.billstream.platform.test.EventWriter;
import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.TestTokens;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Orders of every purchase type driven by billing-service's events, built from its golden samples and sent through the
 * real broker: the status steps of DOMAIN.md's table, the figures, and both staying right when every event is
 * delivered twice, out of order, or of a type order-service does not know.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class OrderBillingIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    Merchants merchants;

    @Autowired
    Customers customers;

    @Autowired
    Orders orders;

    @Autowired
    DeadLetters deadLetters;

    private ApiClient api;
    private EventWriter billing;
    private UUID merchantId;
    private String merchant;
    private UUID customerId;

    /** Every record sent, so that a test can deliver them all again. */
    private final List<ProducerRecord<String, byte[]>> sent = new ArrayList<>();

    @BeforeEach
    void aMerchantWithACustomer() {
        api = new ApiClient(port);
        billing = new EventWriter("billing-service");
        merchantId = OrderServiceFixtures.merchant(merchants);
        merchant = TestTokens.merchant(merchantId);
        customerId = OrderServiceFixtures.customer(customers, merchantId);
    }

    @AfterEach
    void closeWriter() {
        billing.close();
    }

    @Test
    void aSingleOrderStaysPendingThroughADeclinedLinkAttemptAndCompletesWhenPaid() {
        UUID orderId = order(PurchaseType.SINGLE, FirstAction.PAYMENT, null, null, 4999);
        api.post("/api/v1/orders/" + orderId + "/payment-link", merchant, null);

        publish(declined(orderId, null, 4999, "SOFT", "51"));
        awaitTimeline(orderId, "LINK_ATTEMPT_DECLINED");
        assertThat(order(orderId).path("status").asString()).isEqualTo("PENDING");

        publish(approved(orderId, null, 4999, "PAYMENT"));
        awaitStatus(orderId, "COMPLETE");

        JsonNode order = order(orderId);
        assertThat(amount(order, "paid")).isEqualTo(4999);
        assertThat(order.path("figures").path("balance").path("amount").isMissingNode())
                .as("a balance is for instalments")
                .isTrue();
        JsonNode step = timeline(orderId).get(timeline(orderId).size() - 1);
        assertThat(step.path("transition").asString()).isEqualTo("FIRST_PAYMENT_APPROVED");
        assertThat(step.path("actor").asString()).isEqualTo("SYSTEM");
        assertThat(step.path("reason").asString()).contains("PAYMENT").contains("approved");
    }

    @Test
    void aVirtualTerminalDeclineRejectsADraftAndAPreAuthorisationIsCompletedByItsCapture() {
        UUID rejected = order(PurchaseType.SINGLE, FirstAction.PAYMENT, null, null, 4999);
        publish(declined(rejected, null, 4999, "HARD", "43"));
        awaitStatus(rejected, "REJECTED");

        UUID preAuthorised = order(PurchaseType.SINGLE, FirstAction.PRE_AUTHORISATION, null, null, 4999);
        publish(approved(preAuthorised, null, 4999, "PRE_AUTHORISATION"));
        awaitStatus(preAuthorised, "ACTIVE");
        assertThat(amount(order(preAuthorised), "paid"))
                .as("a reservation is no payment")
                .isZero();

        publish(approved(preAuthorised, null, 4999, "CAPTURE"));
        awaitStatus(preAuthorised, "COMPLETE");
        assertThat(amount(order(preAuthorised), "paid")).isEqualTo(4999);
    }

    @Test
    void anInstalmentOrderFailsOnASoftDeclineRecoversAndCompletesWithTheLastInstalment() {
        UUID orderId = order(PurchaseType.INSTALMENT, FirstAction.PAYMENT, 3, null, 29997);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        api.post("/api/v1/orders/" + orderId + "/payment-link", merchant, null);
        for (UUID event : List.of(first, second, third)) {
            publish(scheduled(orderId, event, 9999));
        }

        publish(approved(orderId, first, 9999, "PAYMENT"));
        awaitStatus(orderId, "ACTIVE");
        assertThat(amount(order(orderId), "balance")).isEqualTo(19998);

        publish(declined(orderId, second, 9999, "SOFT", "51"));
        awaitStatus(orderId, "FAILED");

        publish(approved(orderId, second, 9999, "PAYMENT"));
        publish(golden(PaymentRecovered.class, "orderId", orderId, "billingEventId", second));
        awaitStatus(orderId, "ACTIVE");

        publish(approved(orderId, third, 9999, "PAYMENT"));
        awaitStatus(orderId, "COMPLETE");
        publish(golden(RefundIssued.class, "orderId", orderId, "amount", eur(2500)));
        publish(golden(CreditIssued.class, "orderId", orderId, "amount", eur(1000)));
        awaitFigure(orderId, "credited", 1000);

        JsonNode order = order(orderId);
        assertThat(amount(order, "paid")).isEqualTo(29997);
        assertThat(amount(order, "refunded")).isEqualTo(2500);
        assertThat(amount(order, "balance")).isZero();
        assertThat(transitions(orderId))
                .containsExactly(
                        "CREATED",
                        "PAYMENT_LINK_SENT",
                        "FIRST_PAYMENT_APPROVED",
                        "BILLING_EVENT_SOFT_DECLINED",
                        "DECLINES_COLLECTED",
                        "EVERYTHING_COLLECTED");

        redeliverEverything(orderId);
        assertSameFigures(order(orderId), order);
        assertThat(transitions(orderId)).hasSize(6);
    }

    @Test
    void skippingReschedulingAndMergingChangeTheTotalAndOvercollectionPutsAnInstalmentOrderInReview() {
        UUID orderId = order(PurchaseType.INSTALMENT, FirstAction.PAYMENT, 4, null, 40000);
        List<UUID> events = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        events.forEach(event -> publish(scheduled(orderId, event, 10000)));
        publish(approved(orderId, events.get(0), 10000, "PAYMENT"));
        awaitStatus(orderId, "ACTIVE");

        publish(golden(
                BillingEventSkipped.class, "orderId", orderId, "billingEventId", events.get(1), "amount", eur(10000)));
        publish(golden(
                BillingEventRescheduled.class,
                "orderId",
                orderId,
                "billingEventId",
                events.get(2),
                "previousAmount",
                eur(10000),
                "amount",
                eur(12000)));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                order(orderId).path("total").path("amount").asLong())
                        .as("40000 less the skipped 10000, plus the 2000 rescheduled")
                        .isEqualTo(32000));
        UUID mergedInto = UUID.randomUUID();
        publish(golden(
                BillingEventMerged.class,
                "orderId",
                orderId,
                "mergedBillingEventIds",
                List.of(events.get(2), events.get(3)),
                "newBillingEventId",
                mergedInto,
                "amount",
                eur(20000)));
        // A credit behind the merge: once it shows, the merge was applied.
        publish(golden(CreditIssued.class, "orderId", orderId, "amount", eur(1)));
        awaitFigure(orderId, "credited", 1);
        assertThat(amount(order(orderId), "skipped")).isEqualTo(10000);
        assertThat(order(orderId).path("total").path("amount").asLong())
                .as("32000 less the 22000 merged away, plus the 20000 that replaces them")
                .isEqualTo(30000);
        assertThat(amount(order(orderId), "balance")).isEqualTo(20000);

        publish(approved(orderId, mergedInto, 20000, "PAYMENT"));
        awaitStatus(orderId, "COMPLETE");
        JsonNode settled = order(orderId);
        redeliverEverything(orderId);
        assertSameFigures(order(orderId), settled);

        UUID overpaid = order(PurchaseType.INSTALMENT, FirstAction.PAYMENT, 2, null, 20000);
        UUID one = UUID.randomUUID();
        UUID two = UUID.randomUUID();
        publish(scheduled(overpaid, one, 10000));
        publish(scheduled(overpaid, two, 10000));
        publish(approved(overpaid, one, 10000, "PAYMENT"));
        publish(approved(overpaid, one, 10000, "PAYMENT"));
        publish(approved(overpaid, two, 10000, "PAYMENT"));
        awaitStatus(overpaid, "REVIEW");
        assertThat(amount(order(overpaid), "paid")).isEqualTo(30000);
        assertThat(amount(order(overpaid), "balance")).isZero();
    }

    @Test
    void aHardDeclineOrRunningOutOfRetriesSuspendsASubscriptionUntilTheDeclinedEventsAreCollected() {
        UUID orderId = order(PurchaseType.SUBSCRIPTION, FirstAction.CARD_REGISTRATION, null, 2, 1999);
        publish(approved(orderId, null, 0, "CARD_REGISTRATION"));
        awaitStatus(orderId, "ACTIVE");
        assertThat(order(orderId).path("total").path("amount").asLong())
                .as("a fixed term of two cycles")
                .isEqualTo(3998);

        UUID cycle1 = UUID.randomUUID();
        publish(scheduled(orderId, cycle1, 1999));
        publish(declined(orderId, cycle1, 1999, "SOFT", "91"));
        awaitStatus(orderId, "FAILED");
        publish(golden(PaymentRetriesExhausted.class, "orderId", orderId, "billingEventId", cycle1));
        awaitStatus(orderId, "SUSPENDED");
        publish(approved(orderId, cycle1, 1999, "PAYMENT"));
        awaitStatus(orderId, "ACTIVE");

        UUID cycle2 = UUID.randomUUID();
        publish(scheduled(orderId, cycle2, 1999));
        publish(declined(orderId, cycle2, 1999, "HARD", "43"));
        awaitStatus(orderId, "SUSPENDED");
        publish(approved(orderId, cycle2, 1999, "PAYMENT"));
        awaitStatus(orderId, "COMPLETE");

        assertThat(transitions(orderId))
                .containsExactly(
                        "CREATED",
                        "FIRST_PAYMENT_APPROVED",
                        "BILLING_EVENT_SOFT_DECLINED",
                        "RETRIES_EXHAUSTED",
                        "DECLINES_COLLECTED",
                        "BILLING_EVENT_HARD_DECLINED",
                        "DECLINES_COLLECTED",
                        "EVERYTHING_COLLECTED");
        assertThat(amount(order(orderId), "paid")).isEqualTo(3998);

        JsonNode settled = order(orderId);
        redeliverEverything(orderId);
        assertSameFigures(order(orderId), settled);
        assertThat(transitions(orderId)).hasSize(8);
    }

    @Test
    void anOpenEndedSubscriptionGrowsWithEachCycleUntilItIsCancelled() {
        UUID orderId = order(PurchaseType.SUBSCRIPTION, FirstAction.PAYMENT, null, null, 1999);
        // The first cycle is paid at checkout, before any billing event; the next cycles are billing events.
        publish(approved(orderId, null, 1999, "PAYMENT"));
        awaitStatus(orderId, "ACTIVE");
        UUID cycle2 = UUID.randomUUID();
        publish(scheduled(orderId, cycle2, 1999));
        publish(approved(orderId, cycle2, 1999, "PAYMENT"));
        UUID cycle3 = UUID.randomUUID();
        publish(scheduled(orderId, cycle3, 1999));
        awaitFigure(orderId, "paid", 3998);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                order(orderId).path("total").path("amount").asLong())
                        .as("two cycles paid, one scheduled")
                        .isEqualTo(5997));
        publish(golden(BillingEventSkipped.class, "orderId", orderId, "billingEventId", cycle3, "amount", eur(1999)));
        UUID cycle4 = UUID.randomUUID();
        publish(scheduled(orderId, cycle4, 1999));
        awaitFigure(orderId, "skipped", 1999);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                order(orderId).path("total").path("amount").asLong())
                        .as("two cycles paid, the skipped one gone, the next one scheduled")
                        .isEqualTo(5997));
        assertThat(order(orderId).path("status").asString())
                .as("an open-ended subscription never completes by itself")
                .isEqualTo("ACTIVE");

        assertThat(api.post("/api/v1/orders/" + orderId + "/cancel", merchant, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(order(orderId).path("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void aMeteredOrderBillsItsUsageMarksItInvoicedAndIsCompletedByTheMerchant() {
        UUID orderId = order(PurchaseType.METERED, FirstAction.CARD_REGISTRATION, null, null, 0);
        publish(approved(orderId, null, 0, "CARD_REGISTRATION"));
        awaitStatus(orderId, "ACTIVE");
        String usage = "{\"description\": \"Espresso shots\", \"date\": \"%s\", \"quantity\": 240, \"unit\": \"shot\","
                + " \"unitPrice\": 35}";
        String yesterday = LocalDate.now().minusDays(1).toString();
        UUID billed = UUID.fromString(
                json(api.post("/api/v1/orders/" + orderId + "/usage", merchant, usage.formatted(yesterday)))
                        .path("id")
                        .asString());
        UUID notYet = UUID.fromString(
                json(api.post("/api/v1/orders/" + orderId + "/usage", merchant, usage.formatted(yesterday)))
                        .path("id")
                        .asString());

        UUID event = UUID.randomUUID();
        publish(golden(
                BillingEventScheduled.class,
                "orderId",
                orderId,
                "billingEventId",
                event,
                "amount",
                eur(8400),
                "number",
                null,
                "usageRecordIds",
                List.of(billed)));
        publish(approved(orderId, event, 8400, "PAYMENT"));
        awaitFigure(orderId, "paid", 8400);

        assertThat(order(orderId).path("total").path("amount").asLong()).isEqualTo(8400);
        JsonNode invoiced = json(api.get("/api/v1/orders/" + orderId + "/usage?invoiced=true", merchant));
        assertThat(invoiced.path("total").asLong()).isOne();
        assertThat(invoiced.path("items").get(0).path("id").asString()).isEqualTo(billed.toString());
        assertThat(invoiced.path("items").get(0).path("billingEventId").asString())
                .isEqualTo(event.toString());
        UUID skipped = UUID.randomUUID();
        publish(golden(
                BillingEventScheduled.class,
                "orderId",
                orderId,
                "billingEventId",
                skipped,
                "amount",
                eur(8400),
                "number",
                null,
                "usageRecordIds",
                List.of(notYet)));
        publish(golden(BillingEventSkipped.class, "orderId", orderId, "billingEventId", skipped, "amount", eur(8400)));
        awaitFigure(orderId, "skipped", 8400);
        JsonNode open = json(api.get("/api/v1/orders/" + orderId + "/usage?invoiced=false", merchant));
        assertThat(open.path("total").asLong())
                .as("a skipped event invoices nothing")
                .isOne();
        assertThat(open.path("items").get(0).path("id").asString()).isEqualTo(notYet.toString());

        assertThat(api.post("/api/v1/orders/" + orderId + "/complete", merchant, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(order(orderId).path("status").asString()).isEqualTo("COMPLETE");
    }

    @Test
    void anEventThatOvertookAnEarlierOneWaitsOnTheDeadLetterTopicAndIsAppliedInOrderOnReplay() {
        UUID orderId = order(PurchaseType.INSTALMENT, FirstAction.PAYMENT, 2, null, 20000);
        UUID one = UUID.randomUUID();
        UUID two = UUID.randomUUID();
        ProducerRecord<String, byte[]> scheduleOne = billing.next(merchantId, scheduled(orderId, one, 10000));
        ProducerRecord<String, byte[]> scheduleTwo = billing.next(merchantId, scheduled(orderId, two, 10000));
        PaymentApproved firstPayment = approved(orderId, one, 10000, "PAYMENT");
        ProducerRecord<String, byte[]> payOne = billing.next(merchantId, firstPayment);
        ProducerRecord<String, byte[]> payTwo = billing.next(merchantId, approved(orderId, two, 10000, "PAYMENT"));

        billing.send(scheduleOne);
        billing.send(scheduleTwo);
        billing.send(payTwo);
        billing.send(payOne);
        awaitStatus(orderId, "ACTIVE");
        assertThat(amount(order(orderId), "paid"))
                .as("the second payment overtook the first and waits for it")
                .isEqualTo(10000);

        assertThat(deadLetters.replay(Topics.BILLING)).isPositive();
        awaitStatus(orderId, "COMPLETE");
        assertThat(amount(order(orderId), "paid")).isEqualTo(20000);

        // The same payment published again as a new event, with its own id and sequence: counted once.
        publish(firstPayment);
        // The first payment published once more under a new event id: its sequence says it was applied.
        billing.send(EventWriter.record("billing-service", UUID.randomUUID(), merchantId, 3, firstPayment));
        publish(golden(CreditIssued.class, "orderId", orderId, "amount", eur(1)));
        awaitFigure(orderId, "credited", 1);
        assertThat(amount(order(orderId), "paid")).isEqualTo(20000);
    }

    @Test
    void anEventOfATypeOrderServiceDoesNotKnowStillTakesItsPlaceInTheOrdersSequence() {
        UUID orderId = order(PurchaseType.SINGLE, FirstAction.PAYMENT, null, null, 4999);
        publish(declined(orderId, null, 4999, "SOFT", "05"));
        EventEnvelope newer = new EventEnvelope(
                UUID.randomUUID(),
                EventEnvelope.sourceOf("billing-service"),
                "io.billstream.billing.SomethingNewer.v1",
                Instant.now(),
                orderId.toString(),
                merchantId,
                2,
                null);
        billing.send(KafkaMessageFactory.<String>createWriter(Topics.BILLING, orderId.toString())
                .writeBinary(newer.toCloudEvent(
                        "{\"orderId\": \"%s\"}".formatted(orderId).getBytes())));
        billing.send(EventWriter.record(
                "billing-service", UUID.randomUUID(), merchantId, 3, approved(orderId, null, 4999, "PAYMENT")));

        awaitStatus(orderId, "COMPLETE");
    }

    @Test
    void billingEventsUnderAnotherMerchantChangeNothing() {
        UUID orderId = order(PurchaseType.SINGLE, FirstAction.PAYMENT, null, null, 4999);
        publish(UUID.randomUUID(), approved(orderId, null, 4999, "PAYMENT"));
        // The order's own first event, behind the other merchant's on the same partition: once it shows, both were
        // seen.
        billing.send(EventWriter.record(
                "billing-service",
                UUID.randomUUID(),
                merchantId,
                1,
                golden(CreditIssued.class, "orderId", orderId, "amount", eur(1))));
        awaitFigure(orderId, "credited", 1);

        JsonNode order = order(orderId);
        assertThat(order.path("status").asString()).isEqualTo("DRAFT");
        assertThat(amount(order, "paid")).isZero();
    }

    private void publish(Object event) {
        publish(merchantId, event);
    }

    private void publish(UUID merchant, Object event) {
        ProducerRecord<String, byte[]> record = billing.next(merchant, event);
        billing.send(record);
        sent.add(record);
    }

    /**
     * Sends every record of the order again, then one more credit of 1 cent behind them: events of one order are
     * applied in order, so once the credit shows, every redelivered event has been seen.
     */
    private void redeliverEverything(UUID orderId) {
        long credited = amount(order(orderId), "credited");
        sent.stream()
                .filter(record -> record.key().equals(orderId.toString()))
                .toList()
                .forEach(billing::send);
        publish(golden(CreditIssued.class, "orderId", orderId, "creditId", UUID.randomUUID(), "amount", eur(1)));
        awaitFigure(orderId, "credited", credited + 1);
    }

    /** The same total and figures, but for the one cent {@link #redeliverEverything} credits. */
    private static void assertSameFigures(JsonNode again, JsonNode before) {
        for (String figure : List.of("paid", "refunded", "skipped", "balance")) {
            assertThat(amount(again, figure))
                    .as("%s after every event came twice", figure)
                    .isEqualTo(amount(before, figure));
        }
        assertThat(amount(again, "credited")).isEqualTo(amount(before, "credited") + 1);
        assertThat(again.path("total")).isEqualTo(before.path("total"));
        assertThat(again.path("status")).isEqualTo(before.path("status"));
    }

    private UUID order(PurchaseType type, FirstAction firstAction, Integer instalments, Integer cycles, long price) {
        NewOrder order = new NewOrder(
                customerId,
                "ORD-" + UUID.randomUUID(),
                type,
                "EUR",
                price == 0 ? List.of() : List.of(new NewOrder.Line("Coffee", 1, price)),
                type == PurchaseType.INSTALMENT || type == PurchaseType.SUBSCRIPTION ? BillingInterval.MONTHLY : null,
                instalments,
                cycles,
                firstAction,
                PaymentChannel.PAYMENT_LINK);
        return orders.create(merchantId, order).id();
    }

    private static BillingEventScheduled scheduled(UUID orderId, UUID billingEventId, long amount) {
        return golden(
                BillingEventScheduled.class,
                "orderId",
                orderId,
                "billingEventId",
                billingEventId,
                "amount",
                eur(amount));
    }

    private static PaymentApproved approved(UUID orderId, UUID billingEventId, long amount, String type) {
        return golden(
                PaymentApproved.class,
                "orderId",
                orderId,
                "billingEventId",
                billingEventId,
                "transactionId",
                UUID.randomUUID(),
                "transactionType",
                type,
                "amount",
                eur(amount));
    }

    private static PaymentDeclined declined(UUID orderId, UUID billingEventId, long amount, String kind, String code) {
        return golden(
                PaymentDeclined.class,
                "orderId",
                orderId,
                "billingEventId",
                billingEventId,
                "transactionId",
                UUID.randomUUID(),
                "amount",
                eur(amount),
                "kind",
                kind,
                "code",
                code);
    }

    private static Money eur(long amount) {
        return Money.of(amount, "EUR");
    }

    private JsonNode order(UUID orderId) {
        return json(api.get("/api/v1/orders/" + orderId, merchant));
    }

    private JsonNode timeline(UUID orderId) {
        return json(api.get("/api/v1/orders/" + orderId + "/timeline", merchant));
    }

    private List<String> transitions(UUID orderId) {
        return timeline(orderId)
                .valueStream()
                .map(step -> step.path("transition").asString())
                .toList();
    }

    private void awaitStatus(UUID orderId, String status) {
        await().atMost(WAIT)
                .untilAsserted(() ->
                        assertThat(order(orderId).path("status").asString()).isEqualTo(status));
    }

    private void awaitTimeline(UUID orderId, String transition) {
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(transitions(orderId)).contains(transition));
    }

    private void awaitFigure(UUID orderId, String figure, long amount) {
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(amount(order(orderId), figure)).isEqualTo(amount));
    }

    private static long amount(JsonNode order, String figure) {
        return order.path("figures").path(figure).path("amount").asLong();
    }
}

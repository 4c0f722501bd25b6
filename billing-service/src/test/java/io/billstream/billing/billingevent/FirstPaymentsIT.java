package io.billstream.billing.billingevent;

import static io.billstream.platform.test.ApiClient.json;
import static io.billstream.platform.test.GoldenEvents.golden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billstream.events.EventJson;
import io.billstream.events.Money;
import io.billstream.events.Topics;
import io.billstream.events.billing.PaymentApproved;
import io.billstream.events.billing.PaymentCard;
import io.billstream.events.billing.PaymentDeclined;
import io.billstream.events.billing.TransactionType;
import io.billstream.events.card.CardRegistered;
import io.billstream.events.order.BillingInterval;
import io.billstream.events.order.FirstAction;
import io.billstream.events.order.OrderCreated;
import io.billstream.events.order.PaymentChannel;
import io.billstream.events.order.PaymentPlan;
import io.billstream.events.order.PurchaseType;
import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.TestTokens;
import io.billstream.platform.test.TopicReader;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * First steps on real PostgreSQL and Kafka with the sandbox processor: payments, pre-authorisations with their capture
 * or void, and card registrations, from the virtual terminal and from a payment link's checkout, each published with
 * its channel.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "billstream.billing-run.initial-delay=1h")
@RealInfrastructure
class FirstPaymentsIT extends MerchantScenario {

    @Test
    void aVirtualTerminalPaymentCollectsTheFirstInstalmentOnceAndKeepsTheCard() {
        UUID orderId = UUID.randomUUID();
        UUID customerId = UUID.randomUUID();
        orderService.publish(merchantId, order(orderId, customerId, PurchaseType.INSTALMENT, FirstAction.PAYMENT));
        JsonNode first = awaitBillingEvents(orderId, 3).get(0);

        HttpResponse<String> paid = pay(orderId, merchant, token("4242424242424242"));

        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
        JsonNode payment = json(paid);
        assertThat(payment.path("status").asString()).isEqualTo("APPROVED");
        assertThat(payment.path("type").asString()).isEqualTo("PAYMENT");
        assertThat(payment.path("channel").asString()).isEqualTo("VIRTUAL_TERMINAL");
        assertThat(payment.path("amount").path("amount").asLong()).isEqualTo(10000);
        assertThat(payment.path("billingEventId").asString())
                .isEqualTo(first.path("id").asString());
        assertThat(json(api.get("/api/v1/orders/" + orderId + "/billing-events", merchant))
                        .get(0)
                        .path("status")
                        .asString())
                .isEqualTo("COMPLETED");
        JsonNode card = json(api.get("/api/v1/orders/" + orderId + "/card", merchant));
        assertThat(card.path("last4").asString()).isEqualTo("4242");
        assertThat(card.path("isDefault").asBoolean()).isTrue();
        assertThat(payment.path("cardId").asString()).isEqualTo(card.path("id").asString());

        PaymentApproved approved = EventJson.read(
                TopicReader.recordsOf(Topics.BILLING, orderId, 4).get(3).value(), PaymentApproved.class);
        assertThat(approved.channel()).isEqualTo(PaymentChannel.VIRTUAL_TERMINAL);
        assertThat(approved.transactionType()).isEqualTo(TransactionType.PAYMENT);
        assertThat(approved.billingEventId()).hasToString(first.path("id").asString());
        assertThat(approved.card()).as("as invoices print it").isEqualTo(new PaymentCard("VISA", "4242"));
        CardRegistered registered = EventJson.read(
                TopicReader.recordsOf(Topics.PAYMENT_METHODS, customerId, 1)
                        .get(0)
                        .value(),
                CardRegistered.class);
        assertThat(registered.cardId()).hasToString(card.path("id").asString());
        assertThat(registered.isDefault()).isTrue();

        HttpResponse<String> again = pay(orderId, merchant, token("4242424242424242"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).path("transactionStatus").asString()).isEqualTo("APPROVED");
        assertThat(transactions(orderId, "APPROVED")).isOne();
    }

    @Test
    void aDeclinedCheckoutMayBeTriedAgainAndKeepsNoCard() {
        UUID orderId = UUID.randomUUID();
        UUID customerId = knownCustomer(UUID.randomUUID());
        orderService.publish(merchantId, order(orderId, customerId, PurchaseType.SINGLE, FirstAction.PAYMENT));
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(orderId)).isEqualTo("DRAFT"));
        String customer = TestTokens.customer(merchantId, customerId);

        JsonNode declined = json(pay(orderId, customer, token("4000000000009953")));

        assertThat(declined.path("status").asString()).isEqualTo("SOFT_DECLINED");
        assertThat(declined.path("code").asString()).isEqualTo("51");
        assertThat(declined.path("channel").asString()).isEqualTo("PAYMENT_LINK");
        PaymentDeclined event = EventJson.read(
                TopicReader.recordsOf(Topics.BILLING, orderId, 1).get(0).value(), PaymentDeclined.class);
        assertThat(event.channel()).isEqualTo(PaymentChannel.PAYMENT_LINK);
        assertThat(event.billingEventId()).isNull();
        assertThat(event.code()).isEqualTo("51");
        assertThat(api.get("/api/v1/orders/" + orderId + "/card", merchant).statusCode())
                .isEqualTo(404);
        assertThat(json(api.get("/api/v1/customers/" + customerId + "/cards", merchant)))
                .isEmpty();

        assertThat(pay(orderId, TestTokens.customer(merchantId, UUID.randomUUID()), token("4242424242424242"))
                        .statusCode())
                .as("another customer's order")
                .isEqualTo(404);
        JsonNode approved = json(pay(orderId, customer, token("4242424242424242")));
        assertThat(approved.path("status").asString()).isEqualTo("APPROVED");
        assertThat(approved.path("attempt").asInt()).isEqualTo(2);
        assertThat(approved.path("amount").path("amount").asLong()).isEqualTo(5000);
    }

    @Test
    void aPreAuthorisationIsCapturedOnceOrVoided() {
        UUID captured = UUID.randomUUID();
        orderService.publish(
                merchantId, order(captured, UUID.randomUUID(), PurchaseType.SINGLE, FirstAction.PRE_AUTHORISATION));
        UUID voided = UUID.randomUUID();
        orderService.publish(
                merchantId, order(voided, UUID.randomUUID(), PurchaseType.SINGLE, FirstAction.PRE_AUTHORISATION));
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(voided)).isEqualTo("DRAFT"));

        JsonNode authorisation = json(pay(captured, merchant, token("4242424242424242")));
        assertThat(authorisation.path("type").asString()).isEqualTo("PRE_AUTHORISATION");
        assertThat(authorisation.path("status").asString()).isEqualTo("APPROVED");
        String authorisationId = authorisation.path("id").asString();
        assertThat(api.post("/api/v1/payments/" + authorisationId + "/capture", merchant, "{\"amount\": 5001}")
                        .statusCode())
                .as("more than was authorised")
                .isEqualTo(409);

        HttpResponse<String> capture =
                api.post("/api/v1/payments/" + authorisationId + "/capture", merchant, "{\"amount\": 4000}");

        assertThat(capture.statusCode()).as(capture.body()).isEqualTo(201);
        assertThat(json(capture).path("type").asString()).isEqualTo("CAPTURE");
        assertThat(json(capture).path("parentId").asString()).isEqualTo(authorisationId);
        assertThat(json(capture).path("refundable").path("amount").asLong()).isEqualTo(4000);
        PaymentApproved approved = EventJson.read(
                TopicReader.recordsOf(Topics.BILLING, captured, 2).get(1).value(), PaymentApproved.class);
        assertThat(approved.transactionType()).isEqualTo(TransactionType.CAPTURE);
        assertThat(approved.amount()).isEqualTo(Money.of(4000, "EUR"));
        assertThat(api.post("/api/v1/payments/" + authorisationId + "/capture", merchant, null)
                        .statusCode())
                .as("a second capture")
                .isEqualTo(409);
        assertThat(api.post("/api/v1/payments/" + authorisationId + "/void", merchant, null)
                        .statusCode())
                .as("a void after the capture")
                .isEqualTo(409);

        String second = json(pay(voided, merchant, token("4242424242424242")))
                .path("id")
                .asString();
        JsonNode released = json(api.post("/api/v1/payments/" + second + "/void", merchant, null));
        assertThat(released.path("status").asString()).isEqualTo("VOIDED");
        assertThat(api.post("/api/v1/payments/" + second + "/capture", merchant, null)
                        .statusCode())
                .as("a capture after the void")
                .isEqualTo(409);
        assertThat(pay(voided, merchant, token("4242424242424242")).statusCode())
                .as("a new first step after the void")
                .isEqualTo(409);
    }

    @Test
    void aCardRegistrationMovesNoMoneyAndIsDeclinedOnlyForTheCardItself() {
        UUID orderId = UUID.randomUUID();
        orderService.publish(
                merchantId,
                order(orderId, UUID.randomUUID(), PurchaseType.SUBSCRIPTION, FirstAction.CARD_REGISTRATION));
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(orderId)).isEqualTo("DRAFT"));

        JsonNode expired = json(pay(orderId, merchant, token("4000000000000549")));
        assertThat(expired.path("status").asString()).isEqualTo("HARD_DECLINED");
        assertThat(expired.path("code").asString()).isEqualTo("54");
        JsonNode registered = json(pay(orderId, merchant, token("4000000000009953")));

        assertThat(registered.path("status").asString())
                .as("insufficient funds show only when money is asked for")
                .isEqualTo("APPROVED");
        assertThat(registered.path("type").asString()).isEqualTo("CARD_REGISTRATION");
        assertThat(registered.path("amount").path("amount").asLong()).isZero();
        List<PaymentApproved> approved = TopicReader.recordsOf(Topics.BILLING, orderId, 2).stream()
                .filter(r -> new String(r.headers().lastHeader("ce_type").value()).contains("PaymentApproved"))
                .map(r -> EventJson.read(r.value(), PaymentApproved.class))
                .toList();
        assertThat(approved).singleElement().satisfies(event -> {
            assertThat(event.transactionType()).isEqualTo(TransactionType.CARD_REGISTRATION);
            assertThat(event.amount()).isEqualTo(Money.of(0, "EUR"));
        });
    }

    @Test
    void badRequestsChangeNothing() {
        UUID orderId = UUID.randomUUID();
        orderService.publish(merchantId, order(orderId, UUID.randomUUID(), PurchaseType.SINGLE, FirstAction.PAYMENT));
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(orderId)).isEqualTo("DRAFT"));

        assertThat(api.post("/api/v1/orders/" + orderId + "/payments", merchant, "{}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(api.post("/api/v1/orders/" + orderId + "/payments", merchant, "{\"token\": \"tok_unknown\"}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(api.post(
                                "/api/v1/orders/" + orderId + "/payments",
                                merchant,
                                "{\"cardId\": \"" + UUID.randomUUID() + "\"}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(pay(UUID.randomUUID(), merchant, token("4242424242424242")).statusCode())
                .isEqualTo(404);
        assertThat(pay(orderId, TestTokens.merchant(UUID.randomUUID()), token("4242424242424242"))
                        .statusCode())
                .as("another merchant's order")
                .isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM payment_transaction WHERE order_id = :id")
                        .param("id", orderId)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private HttpResponse<String> pay(UUID orderId, String caller, String token) {
        return api.post("/api/v1/orders/" + orderId + "/payments", caller, "{\"token\": \"" + token + "\"}");
    }

    /** An order created now in DRAFT; single orders of 5000, instalments 3 × 10000, subscriptions 2500 a month. */
    static OrderCreated order(UUID orderId, UUID customerId, PurchaseType type, FirstAction firstAction) {
        Money total = switch (type) {
            case SINGLE -> Money.of(5000, "EUR");
            case INSTALMENT -> Money.of(30000, "EUR");
            case SUBSCRIPTION -> Money.of(2500, "EUR");
            case METERED -> Money.of(0, "EUR");
        };
        PaymentPlan plan = switch (type) {
            case INSTALMENT -> new PaymentPlan(BillingInterval.MONTHLY, 3, null, null);
            case SUBSCRIPTION -> new PaymentPlan(BillingInterval.MONTHLY, null, Money.of(2500, "EUR"), null);
            default -> new PaymentPlan(null, null, null, null);
        };
        return golden(
                OrderCreated.class,
                "orderId",
                orderId,
                "customerId",
                customerId,
                "purchaseType",
                type,
                "total",
                total,
                "plan",
                plan,
                "firstAction",
                firstAction,
                "createdAt",
                Instant.now());
    }
}

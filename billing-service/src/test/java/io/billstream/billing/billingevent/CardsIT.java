package io.billstream.billing.billingevent;

import static io.billstream.platform.test.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billstream.events.EventJson;
import io.billstream.events.Topics;
import io.billstream.events.card.CardRegistered;
import io.billstream.events.card.CardRemoved;
import io.billstream.events.card.CardReplaced;
import io.billstream.events.order.FirstAction;
import io.billstream.events.order.PurchaseType;
import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.TestTokens;
import io.billstream.platform.test.TopicReader;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * Customers' cards on real PostgreSQL and Kafka with the sandbox processor: added from tokens, one default, picked for
 * an order, removed only when no live order uses them; every change published on {@code billstream.payment-methods}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "billstream.billing-run.initial-delay=1h")
@RealInfrastructure
class CardsIT extends MerchantScenario {

    @Autowired
    BillingRun run;

    @Test
    void aCustomerHasCardsAndOneOfThemIsTheDefault() {
        UUID customerId = aCustomerWithAnOrder();
        String cards = "/api/v1/customers/" + customerId + "/cards";

        HttpResponse<String> first = api.post(cards, merchant, tokenOf("4242424242424242"));
        HttpResponse<String> second =
                api.post(cards, TestTokens.customer(merchantId, customerId), tokenOf("5555555555554444"));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(json(first).path("isDefault").asBoolean()).isTrue();
        assertThat(second.statusCode()).as("the customer adds its own").isEqualTo(201);
        assertThat(json(second).path("isDefault").asBoolean()).isFalse();
        assertThat(json(second).path("brand").asString()).isEqualTo("MASTERCARD");
        String secondId = json(second).path("id").asString();

        JsonNode made = json(api.post(cards + "/" + secondId + "/default", merchant, null));

        assertThat(made.path("isDefault").asBoolean()).isTrue();
        JsonNode listed = json(api.get(cards, TestTokens.customer(merchantId, customerId)));
        assertThat(listed.valueStream()
                        .map(card -> card.path("last4").asString() + " "
                                + card.path("isDefault").asBoolean()))
                .containsExactly("4444 true", "4242 false");
        List<CardRegistered> registered = TopicReader.recordsOf(Topics.PAYMENT_METHODS, customerId, 2).stream()
                .map(r -> EventJson.read(r.value(), CardRegistered.class))
                .toList();
        assertThat(registered).extracting(CardRegistered::last4).containsExactly("4242", "4444");
        assertThat(registered).extracting(CardRegistered::isDefault).containsExactly(true, false);

        assertThat(api.get(cards, TestTokens.customer(merchantId, UUID.randomUUID()))
                        .statusCode())
                .as("another customer")
                .isEqualTo(404);
        assertThat(api.get(cards, TestTokens.merchant(UUID.randomUUID())).statusCode())
                .as("another merchant")
                .isEqualTo(404);
        assertThat(api.get("/api/v1/customers/" + UUID.randomUUID() + "/cards", merchant)
                        .statusCode())
                .as("a customer without orders")
                .isEqualTo(404);
        HttpResponse<String> declined = api.post(cards, merchant, tokenOf("4000000000000143"));
        assertThat(declined.statusCode()).isEqualTo(422);
        assertThat(json(declined).path("code").asString()).isEqualTo("14");
        assertThat(json(api.get(cards, merchant))).hasSize(2);
    }

    @Test
    void aCardALiveOrderUsesStaysUntilTheOrderIsGivenAnother() {
        UUID orderId = activeInstalmentOrder("4242424242424242");
        JsonNode used = json(api.get("/api/v1/orders/" + orderId + "/card", merchant));
        UUID customerId = UUID.fromString(used.path("customerId").asString());
        String cards = "/api/v1/customers/" + customerId + "/cards";
        String usedCard = cards + "/" + used.path("id").asString();

        HttpResponse<String> refused = api.send("DELETE", usedCard, merchant, null);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).path("orderIds").get(0).asString()).isEqualTo(orderId.toString());
        String other = json(api.post(cards, merchant, tokenOf("5555555555554444")))
                .path("id")
                .asString();
        HttpResponse<String> replaced =
                api.put("/api/v1/orders/" + orderId + "/card", merchant, "{\"cardId\": \"" + other + "\"}");
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);

        assertThat(api.send("DELETE", usedCard, merchant, null).statusCode()).isEqualTo(204);

        JsonNode left = json(api.get(cards, merchant));
        assertThat(left).singleElement().satisfies(card -> {
            assertThat(card.path("id").asString()).isEqualTo(other);
            assertThat(card.path("isDefault").asBoolean())
                    .as("the newest card left")
                    .isTrue();
        });
        assertThat(jdbc.sql("SELECT token FROM card WHERE id = CAST(:id AS uuid)")
                        .param("id", used.path("id").asString())
                        .query(String.class)
                        .optional())
                .as("the removed card's token is forgotten")
                .isEmpty();
        List<ConsumerRecord<String, byte[]>> published = TopicReader.recordsOf(Topics.PAYMENT_METHODS, customerId, 4);
        CardReplaced replacement = EventJson.read(published.get(2).value(), CardReplaced.class);
        assertThat(replacement.orderId()).isEqualTo(orderId);
        assertThat(replacement.previousCardId()).hasToString(used.path("id").asString());
        assertThat(replacement.cardId()).hasToString(other);
        CardRemoved removed = EventJson.read(published.get(3).value(), CardRemoved.class);
        assertThat(removed.newDefaultCardId()).hasToString(other);

        run.collectDue();
        assertThat(jdbc.sql("SELECT DISTINCT card_id::text FROM payment_transaction WHERE order_id = :id")
                        .param("id", orderId)
                        .query(String.class)
                        .list())
                .as("the billing run charges the order's new card")
                .containsExactly(other);
    }

    @Test
    void anOrderIsGivenOnlyACardOfItsOwnCustomer() {
        UUID orderId = activeInstalmentOrder("4242424242424242");
        UUID stranger = aCustomerWithAnOrder();
        String strangersCard = json(api.post(
                        "/api/v1/customers/" + stranger + "/cards", merchant, tokenOf("5555555555554444")))
                .path("id")
                .asString();

        assertThat(api.put("/api/v1/orders/" + orderId + "/card", merchant, "{\"cardId\": \"" + strangersCard + "\"}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(api.put("/api/v1/orders/" + orderId + "/card", merchant, "{}")
                        .statusCode())
                .isEqualTo(400);
        assertThat(json(api.get("/api/v1/orders/" + orderId + "/card", merchant))
                        .path("last4")
                        .asString())
                .isEqualTo("4242");
    }

    private UUID aCustomerWithAnOrder() {
        UUID orderId = UUID.randomUUID();
        UUID customerId = knownCustomer(UUID.randomUUID());
        orderService.publish(
                merchantId,
                FirstPaymentsIT.order(orderId, customerId, PurchaseType.SINGLE, FirstAction.CARD_REGISTRATION));
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(orderId)).isEqualTo("DRAFT"));
        return customerId;
    }

    private String tokenOf(String number) {
        return "{\"token\": \"" + token(number) + "\"}";
    }
}

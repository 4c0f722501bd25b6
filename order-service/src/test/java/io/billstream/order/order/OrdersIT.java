package io.billstream.order.order;

import static io.billstream.platform.test.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.billstream.events.EventJson;
import io.billstream.events.Topics;
import io.billstream.events.order.OrderCreated;
import io.billstream.events.order.PurchaseType;
import io.billstream.order.OrderServiceFixtures;
import io.billstream.order.customer.Customers;
import io.billstream.order.merchant.Merchants;
import io.billstream.platform.test.ApiClient;
import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.TestTokens;
import io.billstream.platform.test.TopicReader;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Orders of every purchase type are created in DRAFT, priced from their lines, published and listed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class OrdersIT {

    @LocalServerPort
    int port;

    private ApiClient api;

    @Autowired
    Merchants merchants;

    @Autowired
    Customers customers;

    private UUID merchantId;
    private String merchant;
    private UUID customerId;

    @BeforeEach
    void aMerchantWithACustomer() {
        api = new ApiClient(port);
        merchantId = OrderServiceFixtures.merchant(merchants);
        merchant = TestTokens.merchant(merchantId);
        customerId = OrderServiceFixtures.customer(customers, merchantId);
    }

    private String order(String reference, String type, String plan, String firstAction, String lines) {
        return """
                {"customerId": "%s", "reference": "%s", "purchaseType": "%s", "currency": "EUR",
                 "lines": %s, %s "firstAction": "%s", "channel": "PAYMENT_LINK"}""".formatted(customerId, reference, type, lines, plan, firstAction);
    }

    private static final String ONE_LINE =
            "[{\"description\": \"Espresso machine\", \"quantity\": 1, \"unitPrice\": 29997}]";

    @Test
    void aSingleOrderIsCreatedInDraftPricedFromItsLinesAndPublished() {
        HttpResponse<String> created = api.post(
                "/api/v1/orders",
                merchant,
                order(
                        "ORD-S1",
                        "SINGLE",
                        "",
                        "PAYMENT",
                        "[{\"description\": \"Beans\", \"quantity\": 3, \"unitPrice\": 1250},"
                                + " {\"description\": \"Grinder\", \"quantity\": 1, \"unitPrice\": 8999}]"));

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode order = json(created);
        UUID orderId = UUID.fromString(order.path("id").asString());
        assertThat(order.path("status").asString()).isEqualTo("DRAFT");
        assertThat(order.path("total").path("amount").asLong()).isEqualTo(3 * 1250 + 8999);
        assertThat(order.path("lines").get(0).path("amount").path("amount").asLong())
                .isEqualTo(3750);

        OrderCreated event = EventJson.read(
                TopicReader.recordsOf(Topics.ORDERS, orderId, 1).getFirst().value(), OrderCreated.class);
        assertThat(event.total().amount()).isEqualTo(12749);
        assertThat(event.customerId()).isEqualTo(customerId);
        assertThat(event.purchaseType()).isEqualTo(PurchaseType.SINGLE);

        JsonNode timeline = json(api.get("/api/v1/orders/" + orderId + "/timeline", merchant));
        assertThat(timeline.size()).isOne();
        assertThat(timeline.get(0).path("toStatus").asString()).isEqualTo("DRAFT");
        assertThat(timeline.get(0).path("actor").asString()).isEqualTo("MERCHANT");
    }

    @Test
    void everyPurchaseTypeCarriesItsPlan() {
        JsonNode instalment = json(api.post(
                "/api/v1/orders",
                merchant,
                order(
                        "ORD-I1",
                        "INSTALMENT",
                        "\"interval\": \"MONTHLY\", \"instalmentCount\": 3,",
                        "PAYMENT",
                        ONE_LINE)));
        assertThat(instalment.path("plan").path("instalmentCount").asInt()).isEqualTo(3);
        assertThat(instalment.path("total").path("amount").asLong()).isEqualTo(29997);

        JsonNode subscription = json(api.post(
                "/api/v1/orders",
                merchant,
                order(
                        "ORD-SUB1",
                        "SUBSCRIPTION",
                        "\"interval\": \"MONTHLY\", \"cycleLimit\": 12,",
                        "CARD_REGISTRATION",
                        "[{\"description\": \"Coffee club\", \"quantity\": 1, \"unitPrice\": 1999}]")));
        assertThat(subscription
                        .path("plan")
                        .path("amountPerCycle")
                        .path("amount")
                        .asLong())
                .isEqualTo(1999);
        assertThat(subscription.path("total").path("amount").asLong())
                .as("a fixed term costs its cycles")
                .isEqualTo(12 * 1999);

        JsonNode metered =
                json(api.post("/api/v1/orders", merchant, order("ORD-M1", "METERED", "", "CARD_REGISTRATION", "[]")));
        assertThat(metered.path("total").path("amount").asLong()).isZero();
        assertThat(metered.path("status").asString()).isEqualTo("DRAFT");
    }

    @Test
    void ordersBreakingTheRulesOfTheirTypeAreRefusedWithTheFieldsAtFault() {
        assertThat(fields(api.post(
                        "/api/v1/orders",
                        merchant,
                        order("ORD-X1", "INSTALMENT", "\"instalmentCount\": 1,", "PAYMENT", ONE_LINE))))
                .containsExactlyInAnyOrder("interval", "instalmentCount");
        assertThat(fields(api.post(
                        "/api/v1/orders",
                        merchant,
                        order("ORD-X2", "SUBSCRIPTION", "\"interval\": \"WEEKLY\",", "PRE_AUTHORISATION", ONE_LINE))))
                .containsExactly("firstAction");
        assertThat(fields(api.post(
                        "/api/v1/orders",
                        merchant,
                        order("ORD-X3", "SINGLE", "\"interval\": \"WEEKLY\",", "PAYMENT", ONE_LINE))))
                .containsExactly("interval");
        assertThat(fields(api.post(
                        "/api/v1/orders",
                        merchant,
                        order("ORD-X4", "SINGLE", "", "PAYMENT", ONE_LINE.replace("29997", "299.97")))))
                .containsExactly("lines[0].unitPrice");
        assertThat(fields(api.post(
                        "/api/v1/orders",
                        merchant,
                        order("ORD-X5", "SINGLE", "", "PAYMENT", ONE_LINE).replace("EUR", "EURO"))))
                .containsExactly("currency");
        assertThat(fields(api.post("/api/v1/orders", merchant, order("ORD-X6", "SINGLE", "", "PAYMENT", "[]"))))
                .containsExactly("lines");
        assertThat(fields(api.post("/api/v1/orders", merchant, order("ORD-X7", "SINGLE", "", "PAYMENT", "[null]"))))
                .containsExactly("lines[0]");
        assertThat(fields(api.post(
                        "/api/v1/orders",
                        merchant,
                        order(
                                "ORD-X8",
                                "SUBSCRIPTION",
                                "\"interval\": \"MONTHLY\", \"cycleLimit\": 1000,",
                                "CARD_REGISTRATION",
                                ONE_LINE.replace("29997", "100000000000000000")))))
                .containsExactly("lines");
        assertThat(json(api.get("/api/v1/orders?reference=ORD-X1", merchant))
                        .path("total")
                        .asLong())
                .as("a refused order is not stored")
                .isZero();
    }

    @Test
    void anotherMerchantsCustomerAndOrdersAreUnknown() {
        String stranger = TestTokens.merchant(OrderServiceFixtures.merchant(merchants));
        assertThat(fields(api.send(
                        "POST", "/api/v1/orders", stranger, order("ORD-T1", "SINGLE", "", "PAYMENT", ONE_LINE), null)))
                .containsExactly("customerId");

        UUID orderId = UUID.fromString(
                json(api.post("/api/v1/orders", merchant, order("ORD-T2", "SINGLE", "", "PAYMENT", ONE_LINE)))
                        .path("id")
                        .asString());
        assertThat(api.get("/api/v1/orders/" + orderId, stranger).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/orders/" + orderId + "/timeline", stranger).statusCode())
                .isEqualTo(404);
        assertThat(json(api.get("/api/v1/orders", stranger)).path("total").asLong())
                .isZero();
    }

    @Test
    void aReferenceNamesOneOrderOfAMerchantAndARetriedCreateMakesOne() {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first =
                api.send("POST", "/api/v1/orders", merchant, order("ORD-R1", "SINGLE", "", "PAYMENT", ONE_LINE), key);
        HttpResponse<String> retry =
                api.send("POST", "/api/v1/orders", merchant, order("ORD-R1", "SINGLE", "", "PAYMENT", ONE_LINE), key);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");

        HttpResponse<String> again =
                api.post("/api/v1/orders", merchant, order("ORD-R1", "SINGLE", "", "PAYMENT", ONE_LINE));
        assertThat(again.statusCode()).isEqualTo(409);
    }

    @Test
    void listsFilterByStatusCustomerReferenceAndTypeAndPage() {
        api.post("/api/v1/orders", merchant, order("ORD-L1", "SINGLE", "", "PAYMENT", ONE_LINE));
        api.post(
                "/api/v1/orders",
                merchant,
                order(
                        "ORD-L2",
                        "INSTALMENT",
                        "\"interval\": \"MONTHLY\", \"instalmentCount\": 2,",
                        "PAYMENT",
                        ONE_LINE));
        api.post("/api/v1/orders", merchant, order("ORD-L3", "METERED", "", "CARD_REGISTRATION", "[]"));

        assertThat(json(api.get("/api/v1/orders?type=INSTALMENT", merchant))
                        .path("total")
                        .asLong())
                .isOne();
        assertThat(json(api.get("/api/v1/orders?status=DRAFT&customerId=" + customerId, merchant))
                        .path("total")
                        .asLong())
                .isEqualTo(3);
        assertThat(json(api.get("/api/v1/orders?status=ACTIVE", merchant))
                        .path("total")
                        .asLong())
                .isZero();
        assertThat(json(api.get("/api/v1/orders?reference=ORD-L3", merchant))
                        .path("items")
                        .get(0)
                        .path("purchaseType")
                        .asString())
                .isEqualTo("METERED");
        JsonNode page = json(api.get("/api/v1/orders?size=2&page=0", merchant));
        assertThat(page.path("items")
                        .valueStream()
                        .map(item -> item.path("reference").asString()))
                .containsExactly("ORD-L3", "ORD-L2");
        assertThat(api.get("/api/v1/orders?status=SLEEPING", merchant).statusCode())
                .isEqualTo(400);
    }

    private static java.util.List<String> fields(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(400);
        return json(response)
                .path("errors")
                .valueStream()
                .map(error -> error.path("field").asString())
                .toList();
    }
}

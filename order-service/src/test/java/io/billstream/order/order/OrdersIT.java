package io.billstream.order.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.billstream.events.Address;
import io.billstream.events.EventJson;
import io.billstream.events.EventSamples;
import io.billstream.events.Topics;
import io.billstream.events.customer.CustomerDetails;
import io.billstream.events.merchant.MerchantSettingsChanged;
import io.billstream.events.order.OrderCreated;
import io.billstream.events.order.PurchaseType;
import io.billstream.order.customer.Customers;
import io.billstream.order.merchant.Merchants;
import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.TestTokens;
import io.billstream.platform.test.TopicReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    Merchants merchants;

    @Autowired
    Customers customers;

    private UUID merchantId;
    private String merchant;
    private UUID customerId;

    @BeforeEach
    void aMerchantWithACustomer() {
        merchantId = merchants
                .create(EventSamples.read(MerchantSettingsChanged.class).settings())
                .id();
        merchant = TestTokens.merchant(merchantId);
        customerId = customers
                .create(
                        merchantId,
                        new CustomerDetails(
                                "Anna Schmidt",
                                "anna@example.com",
                                null,
                                "de",
                                new Address("Lindenallee 5", null, "10115", "Berlin", null, "DE"),
                                null))
                .id();
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
        HttpResponse<String> created = post(order(
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

        OrderCreated event = EventJson.read(published(orderId).value(), OrderCreated.class);
        assertThat(event.total().amount()).isEqualTo(12749);
        assertThat(event.customerId()).isEqualTo(customerId);
        assertThat(event.purchaseType()).isEqualTo(PurchaseType.SINGLE);

        JsonNode timeline = json(get("/api/v1/orders/" + orderId + "/timeline", merchant));
        assertThat(timeline.size()).isOne();
        assertThat(timeline.get(0).path("toStatus").asString()).isEqualTo("DRAFT");
        assertThat(timeline.get(0).path("actor").asString()).isEqualTo("MERCHANT");
    }

    @Test
    void everyPurchaseTypeCarriesItsPlan() {
        JsonNode instalment = json(post(order(
                "ORD-I1", "INSTALMENT", "\"interval\": \"MONTHLY\", \"instalmentCount\": 3,", "PAYMENT", ONE_LINE)));
        assertThat(instalment.path("plan").path("instalmentCount").asInt()).isEqualTo(3);
        assertThat(instalment.path("total").path("amount").asLong()).isEqualTo(29997);

        JsonNode subscription = json(post(order(
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

        JsonNode metered = json(post(order("ORD-M1", "METERED", "", "CARD_REGISTRATION", "[]")));
        assertThat(metered.path("total").path("amount").asLong()).isZero();
        assertThat(metered.path("status").asString()).isEqualTo("DRAFT");
    }

    @Test
    void ordersBreakingTheRulesOfTheirTypeAreRefusedWithTheFieldsAtFault() {
        assertThat(fields(post(order("ORD-X1", "INSTALMENT", "\"instalmentCount\": 1,", "PAYMENT", ONE_LINE))))
                .containsExactlyInAnyOrder("interval", "instalmentCount");
        assertThat(fields(post(
                        order("ORD-X2", "SUBSCRIPTION", "\"interval\": \"WEEKLY\",", "PRE_AUTHORISATION", ONE_LINE))))
                .containsExactly("firstAction");
        assertThat(fields(post(order("ORD-X3", "SINGLE", "\"interval\": \"WEEKLY\",", "PAYMENT", ONE_LINE))))
                .containsExactly("interval");
        assertThat(fields(post(order("ORD-X4", "SINGLE", "", "PAYMENT", ONE_LINE.replace("29997", "299.97")))))
                .containsExactly("lines[0].unitPrice");
        assertThat(fields(
                        post(order("ORD-X5", "SINGLE", "", "PAYMENT", ONE_LINE).replace("EUR", "EURO"))))
                .containsExactly("currency");
        assertThat(fields(post(order("ORD-X6", "SINGLE", "", "PAYMENT", "[]")))).containsExactly("lines");
        assertThat(fields(post(order("ORD-X7", "SINGLE", "", "PAYMENT", "[null]"))))
                .containsExactly("lines[0]");
        assertThat(fields(post(order(
                        "ORD-X8",
                        "SUBSCRIPTION",
                        "\"interval\": \"MONTHLY\", \"cycleLimit\": 1000,",
                        "CARD_REGISTRATION",
                        ONE_LINE.replace("29997", "100000000000000000")))))
                .containsExactly("lines");
        assertThat(json(get("/api/v1/orders?reference=ORD-X1", merchant))
                        .path("total")
                        .asLong())
                .as("a refused order is not stored")
                .isZero();
    }

    @Test
    void anotherMerchantsCustomerAndOrdersAreUnknown() {
        String stranger = TestTokens.merchant(merchants
                .create(EventSamples.read(MerchantSettingsChanged.class).settings())
                .id());
        assertThat(fields(post(order("ORD-T1", "SINGLE", "", "PAYMENT", ONE_LINE), stranger, null)))
                .containsExactly("customerId");

        UUID orderId = UUID.fromString(json(post(order("ORD-T2", "SINGLE", "", "PAYMENT", ONE_LINE)))
                .path("id")
                .asString());
        assertThat(get("/api/v1/orders/" + orderId, stranger).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/orders/" + orderId + "/timeline", stranger).statusCode())
                .isEqualTo(404);
        assertThat(json(get("/api/v1/orders", stranger)).path("total").asLong()).isZero();
    }

    @Test
    void aReferenceNamesOneOrderOfAMerchantAndARetriedCreateMakesOne() {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = post(order("ORD-R1", "SINGLE", "", "PAYMENT", ONE_LINE), merchant, key);
        HttpResponse<String> retry = post(order("ORD-R1", "SINGLE", "", "PAYMENT", ONE_LINE), merchant, key);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");

        HttpResponse<String> again = post(order("ORD-R1", "SINGLE", "", "PAYMENT", ONE_LINE));
        assertThat(again.statusCode()).isEqualTo(409);
    }

    @Test
    void listsFilterByStatusCustomerReferenceAndTypeAndPage() {
        post(order("ORD-L1", "SINGLE", "", "PAYMENT", ONE_LINE));
        post(order("ORD-L2", "INSTALMENT", "\"interval\": \"MONTHLY\", \"instalmentCount\": 2,", "PAYMENT", ONE_LINE));
        post(order("ORD-L3", "METERED", "", "CARD_REGISTRATION", "[]"));

        assertThat(json(get("/api/v1/orders?type=INSTALMENT", merchant))
                        .path("total")
                        .asLong())
                .isOne();
        assertThat(json(get("/api/v1/orders?status=DRAFT&customerId=" + customerId, merchant))
                        .path("total")
                        .asLong())
                .isEqualTo(3);
        assertThat(json(get("/api/v1/orders?status=ACTIVE", merchant))
                        .path("total")
                        .asLong())
                .isZero();
        assertThat(json(get("/api/v1/orders?reference=ORD-L3", merchant))
                        .path("items")
                        .get(0)
                        .path("purchaseType")
                        .asString())
                .isEqualTo("METERED");
        JsonNode page = json(get("/api/v1/orders?size=2&page=0", merchant));
        assertThat(page.path("items")
                        .valueStream()
                        .map(item -> item.path("reference").asString()))
                .containsExactly("ORD-L3", "ORD-L2");
        assertThat(get("/api/v1/orders?status=SLEEPING", merchant).statusCode()).isEqualTo(400);
    }

    private ConsumerRecord<String, byte[]> published(UUID orderId) {
        try (TopicReader reader = new TopicReader(Topics.ORDERS)) {
            return reader
                    .readUntil(
                            records -> records.stream()
                                    .anyMatch(r -> orderId.toString().equals(r.key())),
                            Duration.ofSeconds(30))
                    .stream()
                    .filter(r -> orderId.toString().equals(r.key()))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static java.util.List<String> fields(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(400);
        return json(response)
                .path("errors")
                .valueStream()
                .map(error -> error.path("field").asString())
                .toList();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return EventJson.mapper().readTree(response.body());
    }

    private HttpResponse<String> post(String body) {
        return post(body, merchant, null);
    }

    private HttpResponse<String> post(String body, String token, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/orders"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    private HttpResponse<String> get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

package io.billstream.order.order;

import static io.billstream.platform.test.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.billstream.events.Actor;
import io.billstream.events.EventJson;
import io.billstream.events.Topics;
import io.billstream.events.order.FirstAction;
import io.billstream.events.order.PaymentChannel;
import io.billstream.events.order.PurchaseType;
import io.billstream.events.order.UsageRecorded;
import io.billstream.order.OrderServiceFixtures;
import io.billstream.order.customer.Customers;
import io.billstream.order.merchant.Merchants;
import io.billstream.platform.test.ApiClient;
import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.TestTokens;
import io.billstream.platform.test.TopicReader;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Usage reported against METERED orders: stored, listed, published, and refused with nothing stored otherwise. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class UsageIT {

    private static final String USAGE = """
            {"description": "Espresso shots, office machine", "date": "%s", "quantity": %d, "unit": "shot",
             "unitPrice": %d}""";

    @LocalServerPort
    int port;

    @Autowired
    Merchants merchants;

    @Autowired
    Customers customers;

    @Autowired
    Orders orders;

    private ApiClient api;
    private UUID merchantId;
    private String merchant;
    private UUID customerId;
    private LocalDate today;

    @BeforeEach
    void aMerchantWithACustomer() {
        api = new ApiClient(port);
        merchantId = OrderServiceFixtures.merchant(merchants);
        merchant = TestTokens.merchant(merchantId);
        customerId = OrderServiceFixtures.customer(customers, merchantId);
        today = LocalDate.now(ZoneId.of(merchants.get(merchantId).settings().timeZone()));
    }

    @Test
    void usageOfAMeteredOrderIsStoredPricedListedAndPublished() {
        UUID orderId = order(PurchaseType.METERED);

        HttpResponse<String> response = record(orderId, usage(today, 240, 35));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode usage = json(response);
        assertThat(usage.path("amount").path("amount").asLong()).isEqualTo(8400);
        assertThat(usage.path("amount").path("currency").asString()).isEqualTo("EUR");
        assertThat(usage.path("invoiced").asBoolean()).isFalse();
        record(orderId, usage(today.minusDays(3), 10, 35));

        JsonNode list = json(api.get("/api/v1/orders/" + orderId + "/usage", merchant));
        assertThat(list.path("total").asLong()).isEqualTo(2);
        assertThat(list.path("items").get(0).path("id").asString())
                .as("newest day first")
                .isEqualTo(usage.path("id").asString());
        assertThat(json(api.get("/api/v1/orders/" + orderId + "/usage?invoiced=true", merchant))
                        .path("total")
                        .asLong())
                .isZero();

        List<ConsumerRecord<String, byte[]>> events = TopicReader.recordsOf(Topics.ORDERS, orderId, 3);
        UsageRecorded recorded = EventJson.read(events.get(1).value(), UsageRecorded.class);
        assertThat(recorded.usageRecordId()).hasToString(usage.path("id").asString());
        assertThat(recorded.quantity()).isEqualTo(240);
        assertThat(recorded.amount().amount()).isEqualTo(8400);
        assertThat(recorded.date()).isEqualTo(today);
    }

    @Test
    void usageIsRefusedForOtherPurchaseTypesAndForFinalOrders() {
        UUID single = order(PurchaseType.SINGLE);
        HttpResponse<String> refused = record(single, usage(today, 1, 100));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(refused).path("purchaseType").asString()).isEqualTo("SINGLE");

        UUID cancelled = order(PurchaseType.METERED);
        orders.cancel(merchantId, cancelled, Actor.MERCHANT, null);
        assertThat(json(record(cancelled, usage(today, 1, 100)))
                        .path("currentStatus")
                        .asString())
                .isEqualTo("CANCELLED");

        assertThat(count(single)).isZero();
        assertThat(count(cancelled)).isZero();
    }

    @Test
    void badUsageIsRefusedWithTheFieldsAtFaultAndNothingStored() {
        UUID orderId = order(PurchaseType.METERED);

        assertThat(fields(record(orderId, usage(today.plusDays(1), 1, 100)))).containsExactly("date");
        assertThat(fields(record(orderId, usage(today, 0, -1)))).containsExactlyInAnyOrder("quantity", "unitPrice");
        assertThat(fields(record(orderId, usage(today, 1_000_000_000, 1_000_000))))
                .containsExactly("quantity");
        assertThat(fields(record(orderId, "{\"date\": \"" + today + "\", \"quantity\": 1, \"unitPrice\": 1}")))
                .containsExactlyInAnyOrder("description", "unit");
        assertThat(record(orderId, usage(today, 1, 100).replace("}", ", \"colour\": \"red\"}"))
                        .statusCode())
                .isEqualTo(400);
        assertThat(record(orderId, usage(today, 1, 100).replace("100", "1.5")).statusCode())
                .isEqualTo(400);

        assertThat(count(orderId)).isZero();
    }

    @Test
    void anotherMerchantsOrderHasNoUsageToReadOrWrite() {
        UUID orderId = order(PurchaseType.METERED);
        String other = TestTokens.merchant(OrderServiceFixtures.merchant(merchants));

        HttpResponse<String> write = api.post("/api/v1/orders/" + orderId + "/usage", other, usage(today, 1, 100));
        HttpResponse<String> read = api.get("/api/v1/orders/" + orderId + "/usage", other);

        assertThat(write.statusCode()).isEqualTo(404);
        assertThat(read.statusCode()).isEqualTo(404);
        assertThat(read.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(count(orderId)).isZero();
    }

    @Test
    void reportingWithTheSameIdempotencyKeyRecordsTheUsageOnce() {
        UUID orderId = order(PurchaseType.METERED);
        String key = UUID.randomUUID().toString();

        HttpResponse<String> first =
                api.send("POST", "/api/v1/orders/" + orderId + "/usage", merchant, usage(today, 5, 100), key);
        HttpResponse<String> again =
                api.send("POST", "/api/v1/orders/" + orderId + "/usage", merchant, usage(today, 5, 100), key);

        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(json(again).path("id")).isEqualTo(json(first).path("id"));
        assertThat(count(orderId)).isOne();
    }

    private HttpResponse<String> record(UUID orderId, String body) {
        return api.post("/api/v1/orders/" + orderId + "/usage", merchant, body);
    }

    private long count(UUID orderId) {
        return json(api.get("/api/v1/orders/" + orderId + "/usage", merchant))
                .path("total")
                .asLong();
    }

    private static String usage(LocalDate date, long quantity, long unitPrice) {
        return USAGE.formatted(date, quantity, unitPrice);
    }

    private UUID order(PurchaseType type) {
        NewOrder order = new NewOrder(
                customerId,
                "ORD-" + UUID.randomUUID(),
                type,
                "EUR",
                type == PurchaseType.METERED ? List.of() : List.of(new NewOrder.Line("Coffee", 1, 1999)),
                null,
                null,
                null,
                type == PurchaseType.METERED ? FirstAction.CARD_REGISTRATION : FirstAction.PAYMENT,
                PaymentChannel.PAYMENT_LINK);
        return orders.create(merchantId, order).id();
    }

    private static List<String> fields(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(400);
        return json(response)
                .path("errors")
                .valueStream()
                .map(error -> error.path("field").asString())
                .toList();
    }
}

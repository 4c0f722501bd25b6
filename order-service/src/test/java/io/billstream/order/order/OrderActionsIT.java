package io.billstream.order.order;

import static io.billstream.platform.test.ApiClient.json;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.billstream.events.Actor;
import io.billstream.events.EventJson;
import io.billstream.events.Topics;
import io.billstream.events.order.BillingInterval;
import io.billstream.events.order.FirstAction;
import io.billstream.events.order.OrderStatusChanged;
import io.billstream.events.order.PaymentChannel;
import io.billstream.events.order.PurchaseType;
import io.billstream.order.OrderServiceFixtures;
import io.billstream.order.customer.Customers;
import io.billstream.order.merchant.Merchants;
import io.billstream.platform.test.ApiClient;
import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.TestTokens;
import io.billstream.platform.test.TopicReader;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The merchant's actions move an order through the status table, or are refused with its current status and change
 * nothing; every step is in the timeline and on Kafka.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class OrderActionsIT {

    @LocalServerPort
    int port;

    private ApiClient api;

    @Autowired
    Merchants merchants;

    @Autowired
    Customers customers;

    @Autowired
    Orders orders;

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

    @Test
    void aPaymentLinkMakesADraftPendingAndIsPublishedWithTheStep() {
        UUID orderId = order(PurchaseType.SINGLE);

        HttpResponse<String> response = act(orderId, "payment-link", "{\"reason\": \"Customer asked by phone\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).path("status").asString()).isEqualTo("PENDING");
        JsonNode step = json(api.get("/api/v1/orders/" + orderId + "/timeline", merchant))
                .get(1);
        assertThat(step.path("fromStatus").asString()).isEqualTo("DRAFT");
        assertThat(step.path("toStatus").asString()).isEqualTo("PENDING");
        assertThat(step.path("actor").asString()).isEqualTo("MERCHANT");
        assertThat(step.path("reason").asString()).isEqualTo("Customer asked by phone");
        assertThat(types(TopicReader.recordsOf(Topics.ORDERS, orderId, 3)))
                .containsExactly(
                        "io.billstream.order.OrderCreated.v1",
                        "io.billstream.order.OrderStatusChanged.v1",
                        "io.billstream.order.PaymentLinkIssued.v1");
    }

    @Test
    void aRefusedActionNamesTheCurrentStatusAndChangesNothing() {
        UUID orderId = order(PurchaseType.INSTALMENT);

        HttpResponse<String> response = act(orderId, "complete", null);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).path("currentStatus").asString()).isEqualTo("DRAFT");
        assertThat(json(response).path("detail").asString())
                .isEqualTo("Marking complete is not allowed for an INSTALMENT order in status DRAFT");
        assertThat(json(api.get("/api/v1/orders/" + orderId, merchant))
                        .path("status")
                        .asString())
                .isEqualTo("DRAFT");
        assertThat(json(api.get("/api/v1/orders/" + orderId + "/timeline", merchant))
                        .size())
                .isOne();
        HttpResponse<String> pause = act(orderId, "pause", null);
        assertThat(pause.statusCode()).isEqualTo(409);
        assertThat(json(pause).path("detail").asString())
                .isEqualTo("Pausing is not allowed for an INSTALMENT order in status DRAFT");
    }

    @Test
    void cancellingBeforePaymentEndsTheOrder() {
        UUID orderId = order(PurchaseType.SINGLE);
        assertThat(json(act(orderId, "cancel", null)).path("status").asString()).isEqualTo("CANCELLED");
        assertThat(act(orderId, "payment-link", null).statusCode())
                .as("final is final")
                .isEqualTo(409);
    }

    @Test
    void aLiveSubscriptionPausesResumesAndIsCancelledWithItsOwnEvents() {
        UUID orderId = order(PurchaseType.SUBSCRIPTION);
        // Until billing-service reports payments, the first approval is taken as billing will report it.
        orders.transition(merchantId, orderId, OrderTransition.FIRST_PAYMENT_APPROVED, Actor.SYSTEM, null);

        assertThat(json(act(orderId, "pause", null)).path("status").asString()).isEqualTo("PAUSED");
        assertThat(json(act(orderId, "resume", null)).path("status").asString()).isEqualTo("ACTIVE");
        assertThat(json(act(orderId, "cancel", "{\"reason\": \"Moved abroad\"}"))
                        .path("status")
                        .asString())
                .isEqualTo("CANCELLED");

        List<ConsumerRecord<String, byte[]>> events = TopicReader.recordsOf(Topics.ORDERS, orderId, 8);
        assertThat(types(events))
                .contains(
                        "io.billstream.order.SubscriptionPaused.v1",
                        "io.billstream.order.SubscriptionResumed.v1",
                        "io.billstream.order.SubscriptionCancelled.v1");
        assertThat(events.stream()
                        .filter(e -> header(e, "ce_type").equals("io.billstream.order.OrderStatusChanged.v1"))
                        .map(e -> EventJson.read(e.value(), OrderStatusChanged.class)
                                .to()
                                .name()))
                .containsExactly("ACTIVE", "PAUSED", "ACTIVE", "CANCELLED");
        assertThat(events.stream().map(e -> header(e, "ce_sequence")))
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "GET, ''",
        "GET, /timeline",
        "POST, /payment-link",
        "POST, /cancel",
        "POST, /complete",
        "POST, /pause",
        "POST, /resume",
        "GET, /usage"
    })
    void anotherMerchantsOrderIsUnknownToEveryEndpoint(String method, String path) {
        UUID orderId = order(PurchaseType.SUBSCRIPTION);
        UUID otherMerchant = OrderServiceFixtures.merchant(merchants);

        HttpResponse<String> response =
                api.send(method, "/api/v1/orders/" + orderId + path, TestTokens.merchant(otherMerchant), null);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(api.get("/api/v1/orders/" + orderId, merchant))
                        .path("status")
                        .asString())
                .isEqualTo("DRAFT");
        assertThat(json(api.get("/api/v1/orders/" + orderId + "/timeline", merchant))
                        .size())
                .isOne();
    }

    private HttpResponse<String> act(UUID orderId, String action, String body) {
        return api.post("/api/v1/orders/" + orderId + "/" + action, merchant, body);
    }

    private UUID order(PurchaseType type) {
        NewOrder order = new NewOrder(
                customerId,
                "ORD-" + UUID.randomUUID(),
                type,
                "EUR",
                List.of(new NewOrder.Line("Coffee", 1, 1999)),
                type == PurchaseType.INSTALMENT || type == PurchaseType.SUBSCRIPTION ? BillingInterval.MONTHLY : null,
                type == PurchaseType.INSTALMENT ? 3 : null,
                null,
                type == PurchaseType.SUBSCRIPTION ? FirstAction.CARD_REGISTRATION : FirstAction.PAYMENT,
                PaymentChannel.PAYMENT_LINK);
        return orders.create(merchantId, order).id();
    }

    private static List<String> types(List<ConsumerRecord<String, byte[]>> events) {
        return events.stream().map(e -> header(e, "ce_type")).toList();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), UTF_8);
    }
}

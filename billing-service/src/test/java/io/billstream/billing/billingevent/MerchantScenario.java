package io.billstream.billing.billingevent;

import static io.billstream.platform.test.ApiClient.json;
import static io.billstream.platform.test.GoldenEvents.golden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billstream.billing.SandboxCards;
import io.billstream.billing.TestOrders;
import io.billstream.events.EventSamples;
import io.billstream.events.customer.CustomerCreated;
import io.billstream.events.merchant.MerchantSettings;
import io.billstream.events.merchant.MerchantSettingsChanged;
import io.billstream.events.order.OrderCreated;
import io.billstream.events.order.OrderStatusChanged;
import io.billstream.platform.test.ApiClient;
import io.billstream.platform.test.EventWriter;
import io.billstream.platform.test.TestTokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A merchant in Berlin that billing-service knows from order-service's events, the writer that publishes as
 * order-service, and the merchant's API.
 */
abstract class MerchantScenario {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    EventWriter orderService;
    UUID merchantId;
    String merchant;

    @BeforeEach
    void aMerchantInBerlin() {
        api = new ApiClient(port);
        orderService = new EventWriter("order-service");
        merchantId = UUID.randomUUID();
        merchant = TestTokens.merchant(merchantId);
        MerchantSettings settings =
                EventSamples.read(MerchantSettingsChanged.class).settings();
        assertThat(settings.timeZone()).isEqualTo(BERLIN.getId());
        orderService.publish(merchantId, new MerchantSettingsChanged(merchantId, settings, Instant.now()));
    }

    /** Publishes the customer's creation, as order-service does before any order of it: cards are for known customers. */
    UUID knownCustomer(UUID customerId) {
        orderService.publish(merchantId, golden(CustomerCreated.class, "customerId", customerId));
        return customerId;
    }

    /** An instalment order of four, created 70 days ago: three instalments due. Active, with a card. */
    UUID activeInstalmentOrder(String cardNumber) {
        UUID orderId = UUID.randomUUID();
        OrderCreated order = instalments(orderId);
        knownCustomer(order.customerId());
        orderService.publish(merchantId, order);
        orderService.publish(merchantId, golden(OrderStatusChanged.class, "orderId", orderId));
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(orderId)).isEqualTo("ACTIVE"));
        HttpResponse<String> card = api.send(
                "PUT", "/api/v1/orders/" + orderId + "/card", merchant, "{\"token\": \"" + token(cardNumber) + "\"}");
        assertThat(card.statusCode()).as(card.body()).isEqualTo(200);
        return orderId;
    }

    /** An instalment order of 4 × 10000 created 70 days ago, for a customer of its own. */
    static OrderCreated instalments(UUID orderId) {
        return TestOrders.instalments(orderId, 4, 10000, Instant.now().minus(70, ChronoUnit.DAYS));
    }

    /** A token of the sandbox's hosted card fields for the card number. */
    String token(String number) {
        return SandboxCards.token(api, number);
    }

    /** The order's status as billing-service knows it; "none" before its copy exists. */
    String status(UUID orderId) {
        return jdbc.sql("SELECT status FROM order_copy WHERE id = :id")
                .param("id", orderId)
                .query(String.class)
                .optional()
                .orElse("none");
    }

    /**
     * Waits until every event this service stored for {@code key} (an order, a customer) is on Kafka: what was
     * published of it can then be read to the topic's end. Only the key's: a test context that was paused catches up
     * on the whole run's events when it resumes, which can take its outbox a while.
     */
    void awaitPublished(UUID key) {
        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> assertThat(jdbc.sql("""
                                        SELECT count(*) FROM platform.outbox_record
                                        WHERE record_key = :key AND completed_at IS NULL""")
                                .param("key", key.toString())
                                .query(Long.class)
                                .single())
                        .isZero());
    }

    long transactions(UUID orderId, String status) {
        return jdbc.sql("SELECT count(*) FROM payment_transaction WHERE order_id = :id AND status = :status")
                .param("id", orderId)
                .param("status", status)
                .query(Long.class)
                .single();
    }

    @AfterEach
    void closeWriter() {
        orderService.close();
    }

    /** The order's billing events once there are {@code count} of them. */
    JsonNode awaitBillingEvents(UUID orderId, int count) {
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(json(api.get("/api/v1/orders/" + orderId + "/billing-events", merchant))
                                .size())
                        .isEqualTo(count));
        return json(api.get("/api/v1/orders/" + orderId + "/billing-events", merchant));
    }
}

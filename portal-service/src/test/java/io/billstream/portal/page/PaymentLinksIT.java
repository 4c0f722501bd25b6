package io.billstream.portal.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billstream.events.Actor;
import io.billstream.events.EventSamples;
import io.billstream.events.order.OrderCreated;
import io.billstream.events.order.OrderStatus;
import io.billstream.events.order.OrderStatusChanged;
import io.billstream.platform.test.ApiClient;
import io.billstream.platform.test.TestTokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Payment links over HTTP on real PostgreSQL and Kafka, with order-service's endpoints stood in by a real HTTP server
 * and the clock moved: the merchant's call returns the link and the customer is sent it; opening it starts a session
 * bound to that order, landing on the checkout before the first approval and on the order's page after; one byte
 * changed, or the link expired, and it is refused.
 */
class PaymentLinksIT extends PortalPageTest {

    @Test
    void theMerchantGetsTheLinkTheCustomerIsSentAndTheOrderBecomesPending() {
        UUID customerId = aCustomer(anEmail());
        UUID orderId = anOrder(customerId, "DRAFT");
        String merchantToken = TestTokens.merchant(merchantId);

        HttpResponse<String> sent = sendLink(orderId, merchantToken);

        assertThat(sent.statusCode()).isEqualTo(200);
        JsonNode body = ApiClient.json(sent);
        assertThat(body.path("orderId").asString()).isEqualTo(orderId.toString());
        assertThat(body.path("customerId").asString()).isEqualTo(customerId.toString());
        assertThat(body.path("status").asString()).isEqualTo("PENDING");
        String url = body.path("url").asString();
        assertThat(url).matches("http://localhost:8080/pay/[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{22}");
        assertThat(Duration.between(
                        clock.instant(), Instant.parse(body.path("expiresAt").asString())))
                .isBetween(Duration.ofDays(14).minusMinutes(1), Duration.ofDays(14));
        assertThat(orderServiceApi.order(orderId).status()).isEqualTo("PENDING");
        // order-service was asked with the merchant's own token: it decides whose the order is.
        assertThat(orderServiceApi.authorizations()).contains("Bearer " + merchantToken);

        StandInNotificationService.Request message = await().atMost(Duration.ofSeconds(30))
                .until(() -> notificationService.requestsFor(customerId.toString()), list -> !list.isEmpty())
                .getFirst();
        assertThat(message.body().path("template").asString()).isEqualTo("payment-link");
        assertThat(message.body().path("orderId").asString()).isEqualTo(orderId.toString());
        assertThat(message.body().path("link").asString()).isEqualTo(url);

        // A PENDING order gets a new link; a live one is refused; another merchant's order is not found.
        assertThat(sendLink(orderId, merchantToken).statusCode()).isEqualTo(200);
        orderServiceApi.put(orderId, new StandInOrderService.Order(merchantId, customerId, "ACTIVE"));
        HttpResponse<String> live = sendLink(orderId, merchantToken);
        assertThat(live.statusCode()).isEqualTo(409);
        assertThat(ApiClient.json(live).path("currentStatus").asString()).isEqualTo("ACTIVE");
        HttpResponse<String> others = sendLink(orderId, TestTokens.merchant(UUID.randomUUID()));
        assertThat(others.statusCode()).isEqualTo(404);
        assertThat(others.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        notificationService.requestsFor(customerId.toString()).size() == 2);
        await().during(Duration.ofSeconds(1))
                .until(() ->
                        notificationService.requestsFor(customerId.toString()).size() == 2);
    }

    @Test
    void aRefusalOrAnOutageOfOrderServiceSendsNothing() {
        UUID customerId = aCustomer(anEmail());
        UUID orderId = anOrder(customerId, "DRAFT");
        orderServiceApi.away(true);

        HttpResponse<String> unavailable = sendLink(orderId, TestTokens.merchant(merchantId));

        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(unavailable.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(linksOf(orderId)).isZero();
        assertThat(new ApiClient(port)
                        .post("/api/v1/orders/" + orderId + "/payment-link", null, "")
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void openingTheLinkStartsASessionForThatOrderOnlyAtTheCheckoutThenAtTheOrder() {
        UUID customerId = aCustomer(anEmail());
        UUID orderId = anOrder(customerId, "DRAFT");
        UUID otherOrder = anOrder(customerId, "DRAFT");
        String url = ApiClient.json(sendLink(orderId, TestTokens.merchant(merchantId)))
                .path("url")
                .asString();
        PortalBrowser browser = browser();

        HttpResponse<String> opened = browser.get(path(url));

        assertThat(opened.statusCode()).isEqualTo(302);
        assertThat(opened.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/checkout/" + orderId));
        assertThat(browser.cookie(Browser.SESSION)).isNotNull();
        assertThat(browser.get("/checkout/" + orderId).body())
                .contains("Checkout")
                .contains("ORD-");
        // Bound to that order: the customer's other order and the customer-level portal are out of its reach.
        assertThat(browser.get("/checkout/" + otherOrder).statusCode()).isEqualTo(404);
        assertThat(browser.get("/portal/" + merchantId + "/orders/" + otherOrder)
                        .statusCode())
                .isEqualTo(404);
        assertThat(browser.get("/portal/" + merchantId).headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/orders/" + orderId));
        assertThat(jdbc.sql("SELECT method, order_id FROM portal_session WHERE customer_id = :c")
                        .param("c", customerId)
                        .query((rs, n) -> rs.getString("method") + " " + rs.getObject("order_id"))
                        .list())
                .containsExactly("PAYMENT_LINK " + orderId);

        // Once the first payment is approved, the same link opens the order's page in the portal.
        orderService.publish(
                merchantId,
                new OrderStatusChanged(
                        orderId,
                        OrderStatus.PENDING,
                        OrderStatus.ACTIVE,
                        "FIRST_PAYMENT_APPROVED",
                        Actor.SYSTEM,
                        null,
                        Instant.now()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("SELECT status FROM order_copy WHERE order_id = :o")
                        .param("o", orderId)
                        .query(String.class)
                        .single()
                        .equals("ACTIVE"));
        HttpResponse<String> again = browser().get(path(url));
        assertThat(again.headers().firstValue("Location"))
                .hasValueSatisfying(
                        location -> assertThat(location).endsWith("/portal/" + merchantId + "/orders/" + orderId));
    }

    @Test
    void aLinkWithOneByteChangedOrPastItsExpiryIsRefused() {
        UUID customerId = aCustomer(anEmail());
        UUID orderId = anOrder(customerId, "DRAFT");
        String url = ApiClient.json(sendLink(orderId, TestTokens.merchant(merchantId)))
                .path("url")
                .asString();
        String token = url.substring(url.lastIndexOf('/') + 1);

        for (int position : List.of(0, 10, 21, 23, 30, token.length() - 1)) {
            char[] changed = token.toCharArray();
            changed[position] = changed[position] == 'A' ? 'B' : 'A';
            HttpResponse<String> tampered = browser().get("/pay/" + new String(changed));
            assertThat(tampered.statusCode()).as("byte %d changed", position).isEqualTo(410);
            assertThat(tampered.body()).contains("This payment link no longer works");
            assertThat(tampered.headers().allValues("Set-Cookie"))
                    .noneMatch(cookie -> cookie.startsWith(Browser.SESSION));
        }
        assertThat(browser().get("/pay/not-a-token").statusCode()).isEqualTo(410);

        moved().advance(Duration.ofDays(14).minusMinutes(1));
        assertThat(browser().get("/pay/" + token).statusCode()).isEqualTo(302);
        moved().advance(Duration.ofMinutes(2));
        assertThat(browser().get("/pay/" + token).statusCode()).isEqualTo(410);
    }

    private UUID anOrder(UUID customerId, String status) {
        UUID orderId = UUID.randomUUID();
        OrderCreated sample = EventSamples.read(OrderCreated.class);
        orderService.publish(
                merchantId,
                new OrderCreated(
                        orderId,
                        customerId,
                        "ORD-" + orderId.toString().substring(0, 8),
                        sample.purchaseType(),
                        sample.total(),
                        sample.lines(),
                        sample.plan(),
                        sample.firstAction(),
                        sample.channel(),
                        Instant.now()));
        orderServiceApi.put(orderId, new StandInOrderService.Order(merchantId, customerId, status));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("SELECT count(*) FROM order_copy WHERE order_id = :o")
                                .param("o", orderId)
                                .query(Long.class)
                                .single()
                        == 1);
        return orderId;
    }

    private HttpResponse<String> sendLink(UUID orderId, String merchantToken) {
        return new ApiClient(port).post("/api/v1/orders/" + orderId + "/payment-link", merchantToken, "");
    }

    private long linksOf(UUID orderId) {
        return jdbc.sql("SELECT count(*) FROM payment_link WHERE order_id = :o")
                .param("o", orderId)
                .query(Long.class)
                .single();
    }

    private static String path(String url) {
        return url.substring("http://localhost:8080".length());
    }
}

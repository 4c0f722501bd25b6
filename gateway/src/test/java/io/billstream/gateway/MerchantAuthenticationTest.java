package io.billstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway's merchant authentication in front of real HTTP servers: a stand-in portal-service that exchanges keys,
 * and an order-service that echoes the Authorization it received. The gateway's clock is moved by the tests, so token
 * renewal and revocation are shown without waiting.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
// 30 s, not the default 5: on this network a dead service's 503 can take a 5 s DNS timeout (see the gateway canvas).
@AutoConfigureWebTestClient(timeout = "30s")
class MerchantAuthenticationTest {

    private static final String KEY = "sk_test_merchant-authentication-key";
    private static final String REVOKED_LATER = "sk_test_key-revoked-during-the-test";

    private static final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private static final StandInPortal portal = new StandInPortal(clock, KEY, REVOKED_LATER);
    private static final List<String> seenByOrderService = new CopyOnWriteArrayList<>();
    private static final HttpServer orderService = startOrderService();

    @Autowired
    WebTestClient client;

    @TestConfiguration
    static class MovedTime {
        @Bean
        @Primary
        Clock movableClock() {
            return clock;
        }
    }

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add(
                "billstream.gateway.routes.billing-service",
                () -> "http://127.0.0.1:" + orderService.getAddress().getPort());
        registry.add("billstream.gateway.routes.portal-service", portal::url);
        registry.add(
                "billstream.gateway.routes.order-service",
                () -> "http://127.0.0.1:" + orderService.getAddress().getPort());
    }

    @AfterAll
    static void stopStandIns() {
        orderService.stop(0);
        portal.close();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        seenByOrderService.clear();
        // Past whatever an earlier test had cached.
        clock.move(Duration.ofMinutes(5));
    }

    @Test
    void aRequestWithoutAKeyIsRefusedWithProblemJsonAndAChallenge() {
        int exchangesBefore = portal.exchanges();
        client.get()
                .uri("/api/v1/orders")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"billstream\"")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://billstream.io/problems/unauthorized")
                .jsonPath("$.status")
                .isEqualTo(401)
                .jsonPath("$.detail")
                .isEqualTo("An API key is required: send it as Authorization: Bearer <key>.")
                .jsonPath("$.requestId")
                .isNotEmpty();

        client.get()
                .uri("/api/v1/orders")
                .header(HttpHeaders.AUTHORIZATION, "Basic c2tfdGVzdDp4")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        assertThat(portal.exchanges()).isEqualTo(exchangesBefore);
        assertThat(seenByOrderService).isEmpty();
    }

    @Test
    void unknownForgedAndOverlongCredentialsAreRefusedAlike() {
        String forgedToken = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJtZXJfMSIsInNjb3BlIjoibWVyY2hhbnQ6YXBpIn0.c2lnbmF0dXJl";
        for (String credential :
                new String[] {"sk_test_nobody-has-this-key", forgedToken, "sk_live_" + "x".repeat(300)}) {
            client.get()
                    .uri("/api/v1/orders")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + credential)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.detail")
                    .isEqualTo("The API key is not valid: it is unknown, revoked or malformed.");
        }
        // An internal token presented from outside is just an unknown credential: it never reaches a service.
        assertThat(seenByOrderService).isEmpty();
        assertThat(portal.presented()).contains(forgedToken).noneMatch(presented -> presented.length() > 200);
    }

    @Test
    void theKeyIsExchangedOnceAndItsTokenReusedUntilShortlyBeforeItExpires() {
        int exchangesBefore = portal.exchanges();
        for (int i = 0; i < 3; i++) {
            callWith(KEY).expectStatus().isOk();
        }
        assertThat(portal.exchanges()).isEqualTo(exchangesBefore + 1);
        assertThat(seenByOrderService).hasSize(3).allMatch(seenByOrderService.getFirst()::equals);
        assertThat(seenByOrderService.getFirst()).startsWith("Bearer internal-").doesNotContain(KEY);

        // Within 15 s of the token's expiry the gateway exchanges the key afresh rather than forward a dying token.
        clock.move(StandInPortal.LIFETIME.minusSeconds(14));
        callWith(KEY).expectStatus().isOk();
        assertThat(portal.exchanges()).isEqualTo(exchangesBefore + 2);
        assertThat(seenByOrderService.getLast()).isNotEqualTo(seenByOrderService.getFirst());
    }

    @Test
    void aRevokedKeyIsRefusedWithinAMinute() {
        callWith(REVOKED_LATER).expectStatus().isOk();
        portal.revoke(REVOKED_LATER);

        // Its token is still cached for a while: at most the token's lifetime less the renewal margin.
        clock.move(Duration.ofSeconds(30));
        callWith(REVOKED_LATER).expectStatus().isOk();

        clock.move(Duration.ofSeconds(16));
        callWith(REVOKED_LATER)
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("The API key is not valid: it is unknown, revoked or malformed.");
        assertThat(seenByOrderService).hasSize(2);
    }

    @Test
    void thePortalsPagesAndTheSandboxCardFieldsNeedNoKey() {
        client.get()
                .uri("/portal/orders")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.servedBy")
                .isEqualTo("portal-service");
        client.get()
                .uri("/pay/3q2-7wAAQ0uBzL4cFqHbZg.QmJ4cGx6c1lQVXo5cWtMRQ")
                .exchange()
                .expectStatus()
                .isOk();
        client.post()
                .uri("/logout")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.servedBy")
                .isEqualTo("portal-service");
        // The order-service stand-in answers for billing-service here: reaching it shows the request was not refused.
        client.post()
                .uri("/sandbox/v1/tokens")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.servedBy")
                .isEqualTo("order-service");
        client.get()
                .uri("/sandbox/v1/sms?to=%2B4915112345678")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    private WebTestClient.ResponseSpec callWith(String key) {
        return client.get()
                .uri("/api/v1/orders")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .exchange();
    }

    private static HttpServer startOrderService() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                seenByOrderService.add(
                        String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                byte[] body = "{\"servedBy\":\"order-service\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                try (exchange) {
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

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
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway's rate limits in front of real HTTP servers (a stand-in portal-service that exchanges keys and serves
 * pages, an order-service that answers), with small limits and a clock the tests move: 429 with {@code Retry-After}
 * as problem JSON per API key, per client address, and sooner on the sign-in posts; and requests flowing again once
 * the bucket refills.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "billstream.gateway.rate-limits.client.capacity=12",
            "billstream.gateway.rate-limits.client.per-second=1",
            "billstream.gateway.rate-limits.api-key.capacity=3",
            "billstream.gateway.rate-limits.api-key.per-second=1",
            "billstream.gateway.rate-limits.sign-in.capacity=2",
            "billstream.gateway.rate-limits.sign-in.per-minute=1"
        })
// 30 s, not the default 5: on this network a dead service's 503 can take a 5 s DNS timeout (see the gateway canvas).
@AutoConfigureWebTestClient(timeout = "30s")
class RateLimitTest {

    private static final String KEY = "sk_test_rate-limited-key";
    private static final String OTHER_KEY = "sk_test_another-merchants-key";

    private static final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private static final StandInPortal portal = new StandInPortal(clock, KEY, OTHER_KEY);
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
    void fullBuckets() {
        clock.move(Duration.ofHours(1));
    }

    @Test
    void anApiKeyPastItsLimitGetsTooManyRequestsUntilItsBucketRefills() {
        for (int i = 0; i < 3; i++) {
            callWith(KEY).expectStatus().isOk();
        }
        callWith(KEY)
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, "1")
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(429)
                .jsonPath("$.type")
                .isEqualTo("https://billstream.io/problems/too-many-requests")
                .jsonPath("$.detail")
                .isEqualTo("Too many requests; try again in 1 s.")
                .jsonPath("$.requestId")
                .isNotEmpty();
        // Another merchant's key has a bucket of its own.
        callWith(OTHER_KEY).expectStatus().isOk();

        clock.move(Duration.ofSeconds(1));
        callWith(KEY).expectStatus().isOk();
        callWith(KEY).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    @Test
    void aKeyPastItsLimitIsNotExchangedSoAFloodNeverReachesPortalService() {
        String guess = "sk_test_guessed-key";
        int exchanges = portal.exchanges();
        for (int i = 0; i < 3; i++) {
            callWith(guess).expectStatus().isUnauthorized();
        }
        for (int i = 0; i < 5; i++) {
            callWith(guess).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        }
        assertThat(portal.exchanges()).isEqualTo(exchanges + 3);
    }

    @Test
    void theSignInPostsAreLimitedSoonerThanThePagesPerClientAddress() {
        for (int i = 0; i < 2; i++) {
            client.post().uri("/login/m1/code").exchange().expectStatus().isOk();
        }
        client.post()
                .uri("/login/m1/code/verify")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, "60");
        // The pages themselves are only under the client's general limit.
        client.get().uri("/login/m1").exchange().expectStatus().isOk();

        clock.move(Duration.ofMinutes(1));
        client.post().uri("/login/m1/password").exchange().expectStatus().isOk();
    }

    @Test
    void aBrowserPastTheSignInLimitGetsAPageInItsLanguage() {
        for (int i = 0; i < 2; i++) {
            client.post().uri("/login/m1/code").exchange().expectStatus().isOk();
        }
        String page = client.post()
                .uri("/login/m1/code")
                .header(HttpHeaders.ACCEPT, "text/html,application/xhtml+xml,*/*;q=0.8")
                .header(HttpHeaders.ACCEPT_LANGUAGE, "de-DE,de;q=0.9,en;q=0.5")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, "60")
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(page)
                .contains("<html lang=\"de\">")
                .contains("Zu viele Versuche")
                .contains("60 Sekunden");
        // An API client on the same refusal still gets the problem.
        client.post()
                .uri("/login/m1/code")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aClientAddressPastItsLimitGetsTooManyRequestsOnEveryRoute() {
        for (int i = 0; i < 12; i++) {
            client.get().uri("/portal/m1").exchange().expectStatus().isOk();
        }
        client.get()
                .uri("/portal/m1")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .exists(HttpHeaders.RETRY_AFTER);
        callWith(OTHER_KEY).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
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

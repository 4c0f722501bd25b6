package io.billstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The guards around each service (time limit and circuit breaker) against real HTTP servers: an order-service that is
 * down and later comes back on its port, and a billing-service that answers too slowly, then fast again. The breakers
 * are small here (4 calls, 2 s open) so that a test sees them open and close; the behaviour is the production one.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            "resilience4j.circuitbreaker.configs.default.sliding-window-size=4",
            "resilience4j.circuitbreaker.configs.default.minimum-number-of-calls=4",
            "resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=2s",
            "resilience4j.circuitbreaker.configs.default.permitted-number-of-calls-in-half-open-state=1",
            "resilience4j.timelimiter.configs.default.timeout-duration=500ms"
        })
// 30 s, not the default 5: on this network a dead service's 503 can take a 5 s DNS timeout (see the gateway canvas).
@AutoConfigureWebTestClient(timeout = "30s")
class ServiceOutageTest {

    private static final String API_KEY = "sk_test_outage-test-key";
    private static final StandInPortal portal = new StandInPortal(Clock.systemUTC(), API_KEY);

    // order-service's port: nothing listens on it until the test starts a server there.
    private static final int orderServicePort = closedPort();

    private static final SlowService billingService = new SlowService();

    @Autowired
    WebTestClient client;

    @Autowired
    CircuitBreakerRegistry breakers;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("billstream.gateway.routes.order-service", () -> "http://127.0.0.1:" + orderServicePort);
        registry.add("billstream.gateway.routes.billing-service", billingService::url);
        registry.add("billstream.gateway.routes.portal-service", portal::url);
    }

    @AfterAll
    static void stopStandIns() {
        portal.close();
        billingService.close();
    }

    @BeforeEach
    void presentTheKey() {
        client = client.mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + API_KEY)
                .build();
    }

    @Test
    void aDeadServiceOpensItsBreakerAndTheBreakerClosesOnceTheServiceIsBack() {
        for (int call = 0; call < 4; call++) {
            // 503 when the refused connection fails at once, 504 when a slow DNS answer outlasts the time limit.
            assertThat(get("/api/v1/orders/1").getStatus().value()).isIn(503, 504);
        }
        assertThat(breakers.circuitBreaker("order-service").getState()).isEqualTo(CircuitBreaker.State.OPEN);

        client.get()
                .uri("/api/v1/orders/1")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, "2")
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("order-service is not available: it failed repeatedly just now, so the gateway is not"
                        + " calling it for up to 2 s")
                .jsonPath("$.service")
                .isEqualTo("order-service");

        HttpServer orderService = serverOn(orderServicePort, exchange -> answer(exchange, 200, "order-service"));
        try {
            // The breaker lets a trial call through once its wait is over; that call succeeding closes it.
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> get("/api/v1/orders/1").getStatus().value() == 200);
            assertThat(breakers.circuitBreaker("order-service").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
            assertThat(get("/api/v1/orders/2").getStatus()).isEqualTo(HttpStatus.OK);
        } finally {
            orderService.stop(0);
        }
    }

    @Test
    void aSlowServiceGetsGatewayTimeoutsThenIsLeftAloneUntilItAnswersInTimeAgain() {
        billingService.delay(Duration.ofSeconds(3));
        for (int call = 0; call < 4; call++) {
            client.get()
                    .uri("/api/v1/payments")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.detail")
                    .isEqualTo("billing-service did not answer in time");
        }
        int callsBeforeOpening = billingService.calls();
        assertThat(callsBeforeOpening).isEqualTo(4);

        // Open: answered at once, and billing-service is not asked.
        for (int call = 0; call < 3; call++) {
            assertThat(get("/api/v1/payments").getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        }
        assertThat(billingService.calls()).isEqualTo(callsBeforeOpening);

        billingService.delay(Duration.ZERO);
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> get("/api/v1/payments").getStatus().value() == 200);
        assertThat(breakers.circuitBreaker("billing-service").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aServicesOwnServerErrorsAreAnswersAndOpenNothing() {
        for (int call = 0; call < 6; call++) {
            client.get()
                    .uri("/api/v1/billing-events/failing")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectBody()
                    // The service's own problem, passed on as it is.
                    .jsonPath("$.detail")
                    .isEqualTo("The processor is not answering");
        }
        assertThat(breakers.circuitBreaker("billing-service").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    private EntityExchangeResult<byte[]> get(String path) {
        return client.get().uri(path).exchange().expectBody().returnResult();
    }

    private static void answer(HttpExchange exchange, int status, String servedBy) throws IOException {
        try (exchange) {
            byte[] body = ("{\"servedBy\":\"" + servedBy + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static HttpServer serverOn(int port, com.sun.net.httpserver.HttpHandler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", handler);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * billing-service as a real HTTP server whose answers to {@code /api/v1/payments} take as long as the test says,
     * and whose {@code /api/v1/billing-events/failing} answers its own 503 problem at once.
     */
    private static final class SlowService implements AutoCloseable {
        private final AtomicInteger calls = new AtomicInteger();
        private volatile Duration delay = Duration.ZERO;
        private final HttpServer server = serverOn(0, this::answer);

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void delay(Duration delay) {
            this.delay = delay;
        }

        int calls() {
            return calls.get();
        }

        private void answer(HttpExchange exchange) throws IOException {
            if (exchange.getRequestURI().getPath().endsWith("/failing")) {
                try (exchange) {
                    byte[] body = "{\"status\":503,\"detail\":\"The processor is not answering\"}"
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
                    exchange.sendResponseHeaders(503, body.length);
                    exchange.getResponseBody().write(body);
                }
                return;
            }
            calls.incrementAndGet();
            try {
                Thread.sleep(delay);
                ServiceOutageTest.answer(exchange, 200, "billing-service");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException gaveUp) {
                // The gateway stopped waiting and closed the connection; that is the point of the slow case.
                exchange.close();
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}

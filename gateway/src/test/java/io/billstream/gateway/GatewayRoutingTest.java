package io.billstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway in front of real HTTP servers: a stub order-service on a random port, a stand-in portal-service that
 * exchanges the test's API key, and a billing-service whose port nothing listens on. No mocks between the gateway and the network, so what passes here is what a client would see.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
            // Short, so the slow-service test does not have to wait the production 10 s.
            "resilience4j.timelimiter.instances.order-service.timeout-duration=500ms",
            // The dead billing-service is called on purpose here; ServiceOutageTest is where its breaker opens.
            "resilience4j.circuitbreaker.configs.default.minimum-number-of-calls=1000"
        })
// 30 s, not the default 5: on this network a dead service's 503 can take a 5 s DNS timeout (see the gateway canvas).
@AutoConfigureWebTestClient(timeout = "30s")
class GatewayRoutingTest {

    private static final String REQUEST_ID = "X-Request-Id";

    private static final BlockingQueue<SeenRequest> seenByOrderService = new LinkedBlockingQueue<>();

    /** Holds the stub's answers to /slow until the test has seen the gateway give up on them. */
    private static final CountDownLatch slowAnswers = new CountDownLatch(1);

    private static final HttpServer orderService = startOrderService();

    private static final String API_KEY = "sk_test_routing-test-key";
    private static final StandInPortal portal = new StandInPortal(Clock.systemUTC(), API_KEY);

    // Chosen once: a property supplier is asked again on every read, and the routes must not change in between.
    private static final int billingServicePort = closedPort();

    @Autowired
    WebTestClient client;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add(
                "billstream.gateway.routes.order-service",
                () -> "http://127.0.0.1:" + orderService.getAddress().getPort());
        registry.add("billstream.gateway.routes.billing-service", () -> "http://127.0.0.1:" + billingServicePort);
        registry.add("billstream.gateway.routes.portal-service", portal::url);
    }

    @AfterAll
    static void stopStandIns() {
        orderService.stop(0);
        portal.close();
    }

    @BeforeEach
    void forgetEarlierRequestsAndPresentTheKey() {
        seenByOrderService.clear();
        // Routing is the point here; MerchantAuthenticationTest covers the credential cases.
        client = client.mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + API_KEY)
                .build();
    }

    @Test
    void proxiesToTheOwningServiceUnchangedAndGivesTheRequestAnId() throws InterruptedException {
        String echoedId = client.get()
                .uri("/api/v1/orders/42/timeline?page=2")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.servedBy")
                .isEqualTo("order-service")
                .returnResult()
                .getResponseHeaders()
                .getFirst(REQUEST_ID);

        SeenRequest seen = seenByOrderService.poll(5, TimeUnit.SECONDS);
        assertThat(seen).isNotNull();
        assertThat(seen.path()).isEqualTo("/api/v1/orders/42/timeline");
        assertThat(seen.query()).isEqualTo("page=2");
        assertThat(seen.requestId()).isNotBlank().isEqualTo(echoedId);
        // The service gets the internal token the key was exchanged for, never the key.
        assertThat(seen.authorization()).matches("Bearer internal-\\d+");
    }

    @Test
    void aMerchantsApiKeysAndInvitationsGoToPortalServiceAheadOfOrderService() {
        for (String path : new String[] {
            "/api/v1/api-keys",
            "/api/v1/api-keys/key_1/revoke",
            "/api/v1/merchants/mer_1/api-keys",
            "/api/v1/customers/7/portal-invitations",
            "/api/v1/orders/42/payment-link"
        }) {
            client.post()
                    .uri(path)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.servedBy")
                    .isEqualTo("portal-service");
        }
        assertThat(seenByOrderService).isEmpty();
    }

    @Test
    void tellsTheServiceTheClientsAddressWhateverTheClientWroteThere() throws InterruptedException {
        client.get()
                .uri("/api/v1/orders/42")
                .header("X-Forwarded-For", "192.0.2.99")
                .exchange()
                .expectStatus()
                .isOk();

        SeenRequest seen = seenByOrderService.poll(5, TimeUnit.SECONDS);
        assertThat(seen).isNotNull();
        assertThat(seen.forwardedFor())
                .isNotEqualTo("192.0.2.99")
                .doesNotContain("192.0.2.99")
                .isNotBlank();
    }

    @Test
    void keepsTheCallersRequestIdAndEchoesItOnce() throws InterruptedException {
        client.get()
                .uri("/api/v1/customers")
                .header(REQUEST_ID, "merchant-trace-7")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(REQUEST_ID, "merchant-trace-7");

        SeenRequest seen = seenByOrderService.poll(5, TimeUnit.SECONDS);
        assertThat(seen).isNotNull();
        assertThat(seen.requestId()).isEqualTo("merchant-trace-7");
    }

    @Test
    void replacesARequestIdThatIsNotAPlainToken() throws InterruptedException {
        String forged = "x\" level=ERROR msg=forged";
        client.get()
                .uri("/api/v1/merchants/me")
                .header(REQUEST_ID, forged)
                .exchange()
                .expectStatus()
                .isOk();

        SeenRequest seen = seenByOrderService.poll(5, TimeUnit.SECONDS);
        assertThat(seen).isNotNull();
        assertThat(seen.requestId()).isNotBlank().isNotEqualTo(forged);
    }

    @Test
    void startsATraceForACallerThatBringsNone() throws InterruptedException {
        client.get().uri("/api/v1/orders/42").exchange().expectStatus().isOk();

        SeenRequest seen = seenByOrderService.poll(5, TimeUnit.SECONDS);
        assertThat(seen).isNotNull();
        assertThat(seen.traceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }

    @Test
    void continuesTheCallersW3cTraceToTheService() throws InterruptedException {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        client.get()
                .uri("/api/v1/orders/42")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .exchange()
                .expectStatus()
                .isOk();

        SeenRequest seen = seenByOrderService.poll(5, TimeUnit.SECONDS);
        assertThat(seen).isNotNull();
        // Same trace, and the gateway's own span as the parent: the service's spans hang under the gateway's.
        assertThat(seen.traceparent())
                .matches("00-" + traceId + "-[0-9a-f]{16}-01")
                .isNotEqualTo("00-" + traceId + "-00f067aa0ba902b7-01");
    }

    @Test
    void unknownPathAnswersNotFoundProblemJson() {
        client.get()
                .uri("/api/v2/nothing-here")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .exists(REQUEST_ID)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://billstream.io/problems/not-found")
                .jsonPath("$.title")
                .isEqualTo("Not Found")
                .jsonPath("$.status")
                .isEqualTo(404)
                .jsonPath("$.detail")
                .isEqualTo("No Billstream API or portal page matches GET /api/v2/nothing-here")
                .jsonPath("$.instance")
                .isEqualTo("/api/v2/nothing-here")
                .jsonPath("$.requestId")
                .isNotEmpty();
    }

    @Test
    void unreachableServiceAnswersProblemJsonNamingTheService() {
        client.get()
                .uri("/api/v1/payments")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://billstream.io/problems/service-unavailable")
                .jsonPath("$.status")
                .isEqualTo(503)
                .jsonPath("$.title")
                .isEqualTo("Service Unavailable")
                .jsonPath("$.detail")
                .isEqualTo("billing-service is not reachable")
                .jsonPath("$.service")
                .isEqualTo("billing-service")
                .jsonPath("$.instance")
                .isEqualTo("/api/v1/payments");
    }

    @Test
    void orderAndCustomerSubResourcesOwnedByBillingGoToBillingNotToOrders() {
        // billing-service is down in this test, so reaching it shows as a 503 that names it.
        for (String path : new String[] {
            "/api/v1/orders/42/billing-events",
            "/api/v1/orders/42/billing-events/merge",
            "/api/v1/orders/42/transactions",
            "/api/v1/orders/42/card",
            "/api/v1/orders/42/payments",
            "/api/v1/customers/7/cards",
            "/api/v1/customers/7/cards/9/default"
        }) {
            client.get()
                    .uri(path)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectBody()
                    .jsonPath("$.service")
                    .isEqualTo("billing-service");
        }
        assertThat(seenByOrderService).isEmpty();
    }

    @Test
    void theSandboxTokenizationGoesToBillingAndCustomersDocumentsToDocuments() {
        // The services' internal endpoints are for one another only: the gateway routes nothing there.
        client.post().uri("/internal/v1/messages").exchange().expectStatus().isNotFound();

        // Neither billing-service nor document-service runs here: reaching one shows as a 503 that names it.
        for (String[] route : new String[][] {
            {"/sandbox/v1/tokens", "billing-service"},
            {"/sandbox/v1/sms", "notification-service"},
            {"/api/v1/customers/7/documents", "document-service"},
            {"/api/v1/orders/42/documents/summary.pdf", "document-service"}
        }) {
            client.post()
                    .uri(route[0])
                    .exchange()
                    .expectStatus()
                    .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectBody()
                    .jsonPath("$.service")
                    .isEqualTo(route[1]);
        }
        assertThat(seenByOrderService).isEmpty();
    }

    @Test
    void slowServiceAnswersGatewayTimeoutProblemJsonNamingTheService() {
        try {
            client.get()
                    .uri("/api/v1/orders/slow")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.detail")
                    .isEqualTo("order-service did not answer in time")
                    .jsonPath("$.service")
                    .isEqualTo("order-service");
        } finally {
            slowAnswers.countDown();
        }
    }

    @Test
    void wrongMethodAnswersMethodNotAllowedProblemJsonWithAllowHeader() {
        client.post()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .value(HttpHeaders.ALLOW, allow -> assertThat(allow).contains("GET"))
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(405)
                .jsonPath("$.detail")
                .isNotEmpty();
    }

    @Test
    void readinessProbeAnswersUp() {
        client.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
    }

    private static HttpServer startOrderService() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", GatewayRoutingTest::answerAsOrderService);
            // Virtual threads, so the deliberately slow answer does not hold up the next test's request.
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void answerAsOrderService(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        seenByOrderService.add(new SeenRequest(
                path,
                exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders().getFirst(REQUEST_ID),
                exchange.getRequestHeaders().getFirst("traceparent"),
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("X-Forwarded-For")));
        if (path.endsWith("/slow")) {
            try {
                slowAnswers.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = "{\"servedBy\":\"order-service\"}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        // Services echo the request id too (platform request-id support); the client must still see it only once.
        String requestId = exchange.getRequestHeaders().getFirst(REQUEST_ID);
        if (requestId != null) {
            exchange.getResponseHeaders().set(REQUEST_ID, requestId);
        }
        try (exchange) {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (IOException clientGone) {
            // The gateway gave up on the slow answer and closed the connection; that is the point of that test.
        }
    }

    /** A port that was free a moment ago and that nothing listens on now. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record SeenRequest(
            String path,
            String query,
            String requestId,
            String traceparent,
            String authorization,
            String forwardedFor) {}
}

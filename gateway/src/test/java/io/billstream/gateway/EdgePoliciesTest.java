package io.billstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What the gateway adds at the edge, against one real HTTP server standing in for every service: the security headers
 * on service answers and on the gateway's own errors, CORS for the API from the configured origin only, one access
 * log line per request, and the one Swagger UI listing every service's OpenAPI document.
 */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "billstream.gateway.cors.allowed-origins=https://backoffice.example")
@AutoConfigureWebTestClient(timeout = "30s")
@ExtendWith(OutputCaptureExtension.class)
class EdgePoliciesTest {

    private static final String API_KEY = "sk_test_edge-test-key";
    private static final String BACK_OFFICE = "https://backoffice.example";
    private static final String PORTAL_OWN_POLICY = "default-src 'none'; frame-ancestors 'none'; form-action 'self'";

    private static final HttpServer services = startServices();

    @Autowired
    WebTestClient client;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        String url = "http://127.0.0.1:" + services.getAddress().getPort();
        for (String service : List.of(
                "order-service", "billing-service", "portal-service", "notification-service", "document-service")) {
            registry.add("billstream.gateway.routes." + service, () -> url);
        }
    }

    @AfterAll
    static void stopServices() {
        services.stop(0);
    }

    @Test
    void anApiAnswerGetsTheSecurityHeadersAndAPolicyThatAllowsNothing() {
        client.get()
                .uri("/api/v1/orders/1")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + API_KEY)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
                .expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader()
                .valueEquals("X-Frame-Options", "DENY")
                .expectHeader()
                .valueEquals("Referrer-Policy", "no-referrer")
                .expectHeader()
                .valueEquals("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    }

    @Test
    void theGatewaysOwnErrorsCarryTheSameHeaders() {
        client.get()
                .uri("/nowhere")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .valueEquals("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
                .expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader()
                .valueEquals("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    }

    @Test
    void aPortalPageKeepsItsOwnPolicyAndAPageWithoutOneGetsThePortalsPolicy() {
        client.get()
                .uri("/login/acme")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("Content-Security-Policy", PORTAL_OWN_POLICY)
                .expectHeader()
                .valueEquals("X-Frame-Options", "DENY");
        client.get()
                .uri("/portal/acme/orders")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .value(
                        "Content-Security-Policy",
                        policy -> assertThat(policy)
                                .contains("frame-ancestors 'none'")
                                .contains("form-action 'self'")
                                .startsWith("default-src 'none'"));
    }

    @Test
    void aPdfIsNotGivenAPolicyItsViewerCouldNotDrawUnder() {
        client.get()
                .uri("/api/v1/orders/1/documents/invoice.pdf")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + API_KEY)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .doesNotExist("Content-Security-Policy")
                .expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff");
    }

    @Test
    void theConfiguredOriginsPreflightIsAnsweredWithoutAKeyAndItsCallsExposeTheRequestId() {
        client.options()
                .uri("/api/v1/orders")
                .header(HttpHeaders.ORIGIN, BACK_OFFICE)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization, content-type, idempotency-key")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, BACK_OFFICE)
                .expectHeader()
                .value(
                        HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                        headers -> assertThat(headers.toLowerCase())
                                .contains("authorization")
                                .contains("idempotency-key"))
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);

        client.get()
                .uri("/api/v1/orders/1")
                .header(HttpHeaders.ORIGIN, BACK_OFFICE)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + API_KEY)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, BACK_OFFICE)
                .expectHeader()
                .value(
                        HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
                        exposed -> assertThat(exposed).contains("X-Request-Id").contains("Retry-After"));
    }

    @Test
    void anotherOriginIsRefusedWithAProblemAndReachesNoService() {
        client.method(HttpMethod.OPTIONS)
                .uri("/api/v1/orders")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("Cross-origin calls to the API are not allowed from https://evil.example");
    }

    @Test
    void everyRequestGetsOneAccessLogLineWithItsStatusAndIdButNotItsQuery(CapturedOutput output) {
        client.get()
                .uri("/api/v1/orders/1?email=jane@example.com")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + API_KEY)
                .header("X-Request-Id", "edge-log-1")
                .exchange()
                .expectStatus()
                .isOk();
        client.get()
                .uri("/nowhere-logged")
                .header("X-Request-Id", "edge-log-2")
                .exchange()
                .expectStatus()
                .isNotFound();

        // A line is written once its answer is sent, so it may come a moment after the client has the answer.
        List<String> lines = await().atMost(Duration.ofSeconds(5))
                .until(
                        () -> accessLines(output),
                        written -> written.stream().anyMatch(line -> line.contains("edge-log-1"))
                                && written.stream().anyMatch(line -> line.contains("edge-log-2")));
        assertThat(lines.stream().filter(line -> line.contains("edge-log-1")))
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .contains("GET /api/v1/orders/1 200")
                        .contains("\"response\":{\"status_code\":200}")
                        .doesNotContain("jane@example.com"));
        assertThat(lines.stream().filter(line -> line.contains("edge-log-2")))
                .singleElement()
                .satisfies(line -> assertThat(line).contains("GET /nowhere-logged 404"));
    }

    @Test
    void theSwaggerUiListsEveryServicesDocumentAndEachIsRoutedToItsService() {
        client.get()
                .uri("/v3/api-docs/swagger-config")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.urls[*].name")
                .value(names -> assertThat(names.toString())
                        .contains("order-service")
                        .contains("billing-service")
                        .contains("portal-service")
                        .contains("notification-service")
                        .contains("document-service"))
                .jsonPath("$.urls[?(@.name == 'billing-service')].url")
                .isEqualTo(List.of("/api-docs/billing-service"));

        client.get()
                .uri("/api-docs/billing-service")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.info.title")
                .isEqualTo("stand-in API, asked for /v3/api-docs");

        client.get()
                .uri("/swagger-ui/index.html")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader()
                .value(
                        "Content-Security-Policy",
                        policy ->
                                assertThat(policy).contains("script-src 'self'").contains("frame-ancestors 'none'"));
    }

    private static List<String> accessLines(CapturedOutput output) {
        return output.getOut()
                .lines()
                .filter(line -> line.contains("\"logger\":\"io.billstream.gateway.access\""))
                .toList();
    }

    /** Every service at once: the key exchange, an order, a PDF, portal pages with and without a policy, API docs. */
    private static HttpServer startServices() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", EdgePoliciesTest::answer);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/internal/v1/tokens" ->
                    send(
                            exchange,
                            "application/json",
                            "{\"token\":\"internal-edge\",\"expiresAt\":\""
                                    + Instant.now().plusSeconds(600) + "\"}");
                case "/api/v1/orders/1/documents/invoice.pdf" -> send(exchange, "application/pdf", "%PDF-1.7 stand-in");
                case "/login/acme" -> {
                    exchange.getResponseHeaders().set("Content-Security-Policy", PORTAL_OWN_POLICY);
                    send(exchange, "text/html;charset=UTF-8", "<!doctype html><title>Sign in</title>");
                }
                case "/portal/acme/orders" ->
                    send(exchange, "text/html;charset=UTF-8", "<!doctype html><title>Orders</title>");
                case "/v3/api-docs" ->
                    send(
                            exchange,
                            "application/json",
                            "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"stand-in API, asked for /v3/api-docs\"}}");
                default -> send(exchange, "application/json", "{\"id\":\"1\"}");
            }
        }
    }

    private static void send(HttpExchange exchange, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(HttpStatus.OK.value(), bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}

package io.billstream.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The route table as a whole: every {@code /api/v1} path of the architecture (and the services' further endpoints), the
 * portal's pages, the sandbox endpoints and the API documents, each sent through the gateway to five real HTTP servers,
 * one per service, and seen by the service that owns it, with its method, path and query unchanged.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
class EveryRouteTest {

    private static final String API_KEY = "sk_test_every-route-key";

    private static final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

    private static final Map<String, HttpServer> services = startServices(
            "order-service", "billing-service", "portal-service", "notification-service", "document-service");

    @Autowired
    WebTestClient client;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        services.forEach((name, server) -> registry.add(
                "billstream.gateway.routes." + name,
                () -> "http://127.0.0.1:" + server.getAddress().getPort()));
    }

    @AfterAll
    static void stopServices() {
        services.values().forEach(server -> server.stop(0));
    }

    @BeforeEach
    void forgetEarlierRequests() {
        seen.clear();
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            GET    | /api/v1/merchants/me                              | order-service
            PUT    | /api/v1/merchants/me                              | order-service
            POST   | /api/v1/merchants                                 | order-service
            GET    | /api/v1/customers?email=jane@example.com          | order-service
            POST   | /api/v1/customers                                 | order-service
            GET    | /api/v1/customers/cus_1                           | order-service
            PUT    | /api/v1/customers/cus_1                           | order-service
            GET    | /api/v1/orders?status=ACTIVE&customerId=cus_1     | order-service
            POST   | /api/v1/orders                                    | order-service
            GET    | /api/v1/orders/ord_1                              | order-service
            GET    | /api/v1/orders/ord_1/timeline                     | order-service
            POST   | /api/v1/orders/ord_1/cancel                       | order-service
            POST   | /api/v1/orders/ord_1/complete                     | order-service
            POST   | /api/v1/orders/ord_1/pause                        | order-service
            POST   | /api/v1/orders/ord_1/resume                       | order-service
            GET    | /api/v1/orders/ord_1/usage                        | order-service
            POST   | /api/v1/orders/ord_1/usage                        | order-service
            GET    | /api/v1/orders/ord_1/billing-events               | billing-service
            POST   | /api/v1/orders/ord_1/billing-events               | billing-service
            POST   | /api/v1/orders/ord_1/billing-events/merge         | billing-service
            POST   | /api/v1/billing-events/bev_1/skip                 | billing-service
            POST   | /api/v1/billing-events/bev_1/reschedule           | billing-service
            POST   | /api/v1/billing-events/bev_1/retry                | billing-service
            POST   | /api/v1/billing-events/bev_1/execute-now          | billing-service
            GET    | /api/v1/orders/ord_1/transactions                 | billing-service
            POST   | /api/v1/orders/ord_1/payments                     | billing-service
            PUT    | /api/v1/orders/ord_1/card                         | billing-service
            GET    | /api/v1/payments?status=APPROVED                  | billing-service
            GET    | /api/v1/payments/pay_1                            | billing-service
            POST   | /api/v1/payments/pay_1/refunds                    | billing-service
            POST   | /api/v1/payments/pay_1/capture                    | billing-service
            POST   | /api/v1/payments/pay_1/void                       | billing-service
            GET    | /api/v1/customers/cus_1/cards                     | billing-service
            POST   | /api/v1/customers/cus_1/cards/card_1/default      | billing-service
            DELETE | /api/v1/customers/cus_1/cards/card_1              | billing-service
            POST   | /sandbox/v1/tokens                                | billing-service
            POST   | /api/v1/orders/ord_1/payment-link                 | portal-service
            POST   | /api/v1/customers/cus_1/portal-invitations        | portal-service
            GET    | /api/v1/api-keys                                  | portal-service
            POST   | /api/v1/api-keys                                  | portal-service
            POST   | /api/v1/api-keys/key_1/revoke                     | portal-service
            POST   | /api/v1/merchants/mer_1/api-keys                  | portal-service
            GET    | /login/mer_1                                      | portal-service
            POST   | /login/mer_1/code                                 | portal-service
            GET    | /portal/mer_1                                     | portal-service
            GET    | /portal/mer_1/orders/ord_1                        | portal-service
            GET    | /checkout/ord_1                                   | portal-service
            GET    | /pay/lnk_1.signature                              | portal-service
            POST   | /logout                                           | portal-service
            GET    | /.well-known/jwks.json                            | portal-service
            GET    | /api/v1/orders/ord_1/documents                    | document-service
            GET    | /api/v1/orders/ord_1/documents/summary.pdf        | document-service
            GET    | /api/v1/customers/cus_1/documents                 | document-service
            GET    | /api/v1/documents/doc_1                           | document-service
            GET    | /api/v1/documents/doc_1/pdf                       | document-service
            GET    | /api/v1/notifications?orderId=ord_1               | notification-service
            GET    | /sandbox/v1/sms?to=+491701234567                  | notification-service
            """)
    void reachesTheServiceThatOwnsItUnchanged(String method, String pathAndQuery, String owner)
            throws InterruptedException {
        client.method(HttpMethod.valueOf(method))
                .uri(pathAndQuery)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + API_KEY)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.servedBy")
                .isEqualTo(owner);

        assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo(owner + " " + method + " " + pathAndQuery);
        assertThat(seen).as("no other service was called").isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"order-service", "billing-service", "portal-service", "notification-service", "document-service"})
    void eachServicesOpenApiDocumentIsItsOwn(String service) throws InterruptedException {
        client.get()
                .uri("/api-docs/" + service)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.servedBy")
                .isEqualTo(service);

        assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo(service + " GET /v3/api-docs");
    }

    /** One real HTTP server per service, each telling who it is; portal-service also exchanges the test's key. */
    private static Map<String, HttpServer> startServices(String... names) {
        Map<String, HttpServer> servers = new LinkedHashMap<>();
        for (String name : List.of(names)) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                server.createContext("/", exchange -> answerAs(name, exchange));
                server.start();
                servers.put(name, server);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return servers;
    }

    private static void answerAs(String service, HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (service.equals("portal-service") && path.equals("/internal/v1/tokens")) {
                send(
                        exchange,
                        "{\"token\":\"internal-route\",\"expiresAt\":\""
                                + Instant.now().plusSeconds(600) + "\"}");
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            seen.add(service + " " + exchange.getRequestMethod() + " " + path + (query == null ? "" : "?" + query));
            send(exchange, "{\"servedBy\":\"" + service + "\"}");
        }
    }

    private static void send(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}

package io.billstream.system;

import static io.billstream.platform.test.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.billstream.platform.test.ApiClient;
import io.billstream.platform.test.DatabaseServer.JdbcCoordinates;
import io.billstream.platform.test.ServiceProcess;
import io.billstream.platform.test.TestInfrastructure;
import io.billstream.platform.test.TestTokens;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * order-service and billing-service, each its own packaged jar in a process of its own on a database of its own, the
 * test run's Kafka broker between them, and billing-service asking the real order-service before it acts. Tokens come
 * from the test issuer, as portal-service would issue them; a merchant of its own for each test.
 */
final class Platform implements AutoCloseable {

    final ServiceProcess orderService;
    final JdbcCoordinates billingDatabase;
    final String billingGroup;
    ServiceProcess billingService;
    final ApiClient orders;
    ApiClient billing;
    final UUID merchantId;
    final String merchant;

    private Platform(
            ServiceProcess orderService,
            JdbcCoordinates billingDatabase,
            String billingGroup,
            ServiceProcess billingService) {
        this.orderService = orderService;
        this.billingDatabase = billingDatabase;
        this.billingGroup = billingGroup;
        this.billingService = billingService;
        this.orders = new ApiClient(orderService.port());
        this.billing = new ApiClient(billingService.port());
        HttpResponse<String> created = orders.post("/api/v1/merchants", TestTokens.service("platform-operator"), """
                {"company": {"legalName": "Kaffeerösterei Berg GmbH", "email": "billing@roesterei-berg.example",
                             "address": {"line1": "Hafenstraße 12", "postalCode": "20457", "city": "Hamburg",
                                         "country": "DE"}},
                 "branding": {"accentColour": "#8B4513"}, "defaultLocale": "de", "timeZone": "Europe/Berlin"}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        this.merchantId = UUID.fromString(json(created).path("id").asString());
        this.merchant = TestTokens.merchant(merchantId);
    }

    /** Both services started, billing-service with {@code billingSettings} besides the test's own. */
    static Platform start(Map<String, String> billingSettings) throws IOException, InterruptedException {
        ServiceProcess orderService = ServiceProcess.start(
                jar("order-service"),
                TestInfrastructure.newDatabase(),
                Map.of("spring.kafka.consumer.group-id", group()));
        JdbcCoordinates billingDatabase = TestInfrastructure.newDatabase();
        String billingGroup = group();
        return new Platform(
                orderService,
                billingDatabase,
                billingGroup,
                startBilling(orderService, billingDatabase, billingGroup, billingSettings));
    }

    /** billing-service stopped and started again on its database and consumer group, with other settings. */
    void restartBilling(Map<String, String> settings) throws IOException, InterruptedException {
        billingService.close();
        billingService = startBilling(orderService, billingDatabase, billingGroup, settings);
        billing = new ApiClient(billingService.port());
    }

    private static ServiceProcess startBilling(
            ServiceProcess orderService, JdbcCoordinates database, String group, Map<String, String> settings)
            throws IOException, InterruptedException {
        Map<String, String> all = new HashMap<>(settings);
        all.put("spring.kafka.consumer.group-id", group);
        all.put("billstream.services.order-service", "http://localhost:" + orderService.port());
        return ServiceProcess.start(jar("billing-service"), database, all);
    }

    /** billing-service's database, to read what it charged. */
    JdbcClient billingDatabase() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(billingDatabase.url());
        dataSource.setUser(billingDatabase.username());
        dataSource.setPassword(billingDatabase.password());
        return JdbcClient.create(dataSource);
    }

    UUID customer() {
        HttpResponse<String> created = orders.post(
                "/api/v1/customers",
                merchant,
                "{\"name\": \"Anna Schmidt\", \"email\": \"anna@example.com\", \"locale\": \"de\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return UUID.fromString(json(created).path("id").asString());
    }

    /** An order by virtual terminal: {@code plan} holds the purchase type's fields, {@code lines} its JSON lines. */
    UUID order(String type, String firstAction, String plan, String lines) {
        HttpResponse<String> created = orders.post("/api/v1/orders", merchant, """
                {"customerId": "%s", "reference": "%s", "purchaseType": "%s", "currency": "EUR", "lines": %s, %s
                 "firstAction": "%s", "channel": "VIRTUAL_TERMINAL"}""".formatted(
                        customer(), "ORD-" + UUID.randomUUID(), type, lines, plan, firstAction));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return UUID.fromString(json(created).path("id").asString());
    }

    /** A token of the sandbox's hosted card fields for the card number. */
    String card(String number) {
        HttpResponse<String> token = billing.post(
                "/sandbox/v1/tokens",
                null,
                "{\"number\": \"%s\", \"expiryMonth\": 12, \"expiryYear\": 2031, \"cvc\": \"123\", \"holderName\": \"Anna Schmidt\"}"
                        .formatted(number));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
        return json(token).path("token").asString();
    }

    /** The order's first step by virtual terminal with a new card that is approved. */
    HttpResponse<String> firstStep(UUID orderId) {
        return firstStep(orderId, card("4242424242424242"), null);
    }

    /** The order's first step by virtual terminal with the card behind {@code token}, under {@code idempotencyKey}. */
    HttpResponse<String> firstStep(UUID orderId, String token, String idempotencyKey) {
        return billing.send(
                "POST",
                "/api/v1/orders/" + orderId + "/payments",
                merchant,
                "{\"token\": \"" + token + "\"}",
                idempotencyKey);
    }

    String statusAtOrderService(UUID orderId) {
        return json(orders.get("/api/v1/orders/" + orderId, merchant))
                .path("status")
                .asString();
    }

    @Override
    public void close() throws InterruptedException {
        billingService.close();
        orderService.close();
    }

    private static String group() {
        return "system-" + UUID.randomUUID();
    }

    /** The module's packaged jar, built before this module in the reactor. */
    private static Path jar(String module) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", module, "target"))) {
            return files.filter(file -> file.getFileName().toString().matches(module + "-[0-9].*(?<!-plain)\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + module + " jar: package it first"));
        }
    }
}

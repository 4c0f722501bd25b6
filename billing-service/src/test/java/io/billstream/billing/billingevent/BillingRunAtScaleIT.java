package io.billstream.billing.billingevent;

import static io.billstream.platform.test.GoldenEvents.golden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billstream.billing.BillingServiceApplication;
import io.billstream.billing.TestOrders;
import io.billstream.events.order.OrderCreated;
import io.billstream.events.order.OrderStatusChanged;
import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.StandInOwners;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * 10,000 due billing events collected by two billing-service instances side by side, the test's own and a second one
 * started beside it on the same database and broker: each event is charged exactly once.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "billstream.billing-run.initial-delay=1h")
@RealInfrastructure
class BillingRunAtScaleIT extends MerchantScenario {

    private static final int ORDERS = 100;
    private static final int INSTALMENTS = 100;

    @Autowired
    BillingRun run;

    @Autowired
    Environment environment;

    @Test
    void twoInstancesChargeEachOfTenThousandDueEventsExactlyOnce() {
        List<UUID> orders = new ArrayList<>();
        // 100 monthly instalments each, the last one due last month.
        Instant createdAt = ZonedDateTime.now().minusMonths(INSTALMENTS).toInstant();
        for (int i = 0; i < ORDERS; i++) {
            UUID orderId = UUID.randomUUID();
            orders.add(orderId);
            orderService.publish(merchantId, order(orderId, createdAt));
            orderService.publish(merchantId, golden(OrderStatusChanged.class, "orderId", orderId));
        }
        String card = "{\"token\": \"" + token("4242424242424242") + "\"}";
        await().atMost(Duration.ofMinutes(2))
                .untilAsserted(() -> assertThat(jdbc.sql("""
                                        SELECT count(*) FROM order_copy WHERE id IN (:orders) AND status = 'ACTIVE'""")
                                .param("orders", orders)
                                .query(Long.class)
                                .single())
                        .isEqualTo(ORDERS));
        for (UUID orderId : orders) {
            api.put("/api/v1/orders/" + orderId + "/card", merchant, card);
        }
        assertThat(count("SELECT count(*) FROM billing_event WHERE order_id IN (:orders)", orders))
                .isEqualTo(ORDERS * INSTALMENTS);

        try (ConfigurableApplicationContext second = secondInstance();
                // A thread each: on two cores the common pool would run one run after the other.
                ExecutorService sideBySide = Executors.newFixedThreadPool(2)) {
            BillingRun secondRun = second.getBean(BillingRun.class);
            long started = System.nanoTime();
            CompletableFuture<Integer> mine = CompletableFuture.supplyAsync(run::collectDue, sideBySide);
            CompletableFuture<Integer> theirs = CompletableFuture.supplyAsync(secondRun::collectDue, sideBySide);

            int chargedHere = mine.join();
            int chargedThere = theirs.join();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf(
                    "Billing run at scale: %d + %d charges in %d ms%n", chargedHere, chargedThere, took.toMillis());

            assertThat(chargedHere + chargedThere).isEqualTo(ORDERS * INSTALMENTS);
            assertThat(chargedHere).as("this instance's share").isPositive();
            assertThat(chargedThere).as("the second instance's share").isPositive();
        }
        assertThat(count(
                        "SELECT count(*) FROM billing_event WHERE order_id IN (:orders) AND status = 'COMPLETED'"
                                + " AND attempts = 1",
                        orders))
                .isEqualTo(ORDERS * INSTALMENTS);
        assertThat(count(
                        "SELECT count(DISTINCT billing_event_id) FROM payment_transaction WHERE order_id IN (:orders)"
                                + " AND status = 'APPROVED'",
                        orders))
                .isEqualTo(ORDERS * INSTALMENTS);
        assertThat(count("SELECT count(*) FROM payment_transaction WHERE order_id IN (:orders)", orders))
                .as("one transaction per event")
                .isEqualTo(ORDERS * INSTALMENTS);
        assertThat(count("""
                        SELECT count(*) FROM sandbox_request r JOIN payment_transaction t
                        ON t.idempotency_key = r.idempotency_key WHERE t.order_id IN (:orders)""", orders)).as("charges the processor received").isEqualTo(ORDERS * INSTALMENTS);
    }

    /** A second billing-service on this test's database and broker, in the same consumer group. */
    private ConfigurableApplicationContext secondInstance() {
        List<String> arguments =
                new ArrayList<>(List.of("--server.port=0", "--billstream.billing-run.initial-delay=1h"));
        for (String name : List.of(
                "spring.datasource.url",
                "spring.datasource.username",
                "spring.datasource.password",
                "spring.kafka.bootstrap-servers",
                "spring.kafka.consumer.group-id",
                "billstream.security.issuer",
                "billstream.security.audience",
                "billstream.security.jwks-uri")) {
            // Arguments, so that they come before the service's application.yml as the test's own properties do.
            arguments.add("--" + name + "=" + environment.getRequiredProperty(name));
        }
        StandInOwners.settings().forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return new SpringApplicationBuilder(BillingServiceApplication.class).run(arguments.toArray(String[]::new));
    }

    private long count(String sql, List<UUID> orders) {
        return jdbc.sql(sql).param("orders", orders).query(Long.class).single();
    }

    private static OrderCreated order(UUID orderId, Instant createdAt) {
        return TestOrders.instalments(orderId, INSTALMENTS, 100, createdAt);
    }
}

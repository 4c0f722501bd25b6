package io.billstream.billing;

import static io.billstream.billing.ServiceJar.DUE;
import static io.billstream.billing.ServiceJar.WAIT;
import static io.billstream.billing.ServiceJar.assertChargedOnceAndPublishedOnce;
import static io.billstream.billing.ServiceJar.completed;
import static io.billstream.billing.ServiceJar.giveACard;
import static io.billstream.billing.ServiceJar.jar;
import static io.billstream.billing.ServiceJar.jdbc;
import static io.billstream.billing.ServiceJar.order;
import static io.billstream.billing.ServiceJar.quick;
import static io.billstream.platform.test.GoldenEvents.golden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billstream.events.EventSamples;
import io.billstream.events.merchant.MerchantSettingsChanged;
import io.billstream.events.order.OrderStatusChanged;
import io.billstream.platform.crash.CrashPoints;
import io.billstream.platform.test.DatabaseServer.JdbcCoordinates;
import io.billstream.platform.test.EventWriter;
import io.billstream.platform.test.ServiceProcess;
import io.billstream.platform.test.TestInfrastructure;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * billing-service's own jar, killed at each crash point of a charge and started again on the same database and
 * broker: every due billing event is charged exactly once, and every outcome is published under one event id (a
 * crash after Kafka's acknowledgement may deliver that id twice; consumers apply an id once).
 */
class CrashPointsIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "billing-run.before-charge",
                "billing-run.after-charge",
                "billing-run.before-commit",
                "billing-run.after-commit",
                "outbox.after-send"
            })
    void aCrashAtThisPointLosesNothingAndChargesNothingTwice(String point) throws Exception {
        JdbcCoordinates database = TestInfrastructure.newDatabase();
        JdbcClient jdbc = jdbc(database);
        UUID merchantId = UUID.randomUUID();
        UUID orderId = UUID.randomUUID();
        Map<String, String> quick = quick(database);
        Map<String, String> crashing = new HashMap<>(quick);
        crashing.put("billstream.crash-at", point);
        // The process's group is new: it reads this test's events, not every earlier test's on the shared broker. The
        // restarted process resumes where the crashed one left off.
        TestInfrastructure.kafka().moveGroupToTheEnd(quick.get("spring.kafka.consumer.group-id"));

        try (ServiceProcess service = ServiceProcess.start(jar(), database, crashing);
                EventWriter orderService = new EventWriter("order-service")) {
            orderService.publish(
                    merchantId,
                    new MerchantSettingsChanged(
                            merchantId,
                            EventSamples.read(MerchantSettingsChanged.class).settings(),
                            Instant.now()));
            orderService.publish(merchantId, order(orderId));
            orderService.publish(merchantId, golden(OrderStatusChanged.class, "orderId", orderId));
            // A crash after Kafka's acknowledgement already comes with the first schedule relayed.
            if (!point.startsWith("outbox.")) {
                giveACard(service, jdbc, merchantId, orderId);
            }
            assertThat(service.awaitExit(WAIT)).as("stopped at the crash point").isEqualTo(CrashPoints.EXIT_STATUS);
        }

        try (ServiceProcess restarted = ServiceProcess.start(jar(), database, quick)) {
            if (jdbc.sql("SELECT card_id FROM order_copy WHERE id = :id")
                    .param("id", orderId)
                    .query(UUID.class)
                    .optional()
                    .isEmpty()) {
                giveACard(restarted, jdbc, merchantId, orderId);
            }
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(completed(jdbc, orderId)).as(restarted.output()).isEqualTo(DUE);
                assertThat(jdbc.sql("SELECT count(*) FROM platform.outbox_record")
                                .query(Long.class)
                                .single())
                        .isZero();
            });
        }

        assertChargedOnceAndPublishedOnce(TestInfrastructure.kafka(), jdbc, orderId);
    }
}

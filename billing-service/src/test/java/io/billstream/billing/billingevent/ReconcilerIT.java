package io.billstream.billing.billingevent;

import static io.billstream.platform.test.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.billstream.platform.test.MovableClock;
import io.billstream.platform.test.RealInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reconciler on real PostgreSQL and Kafka with the sandbox processor: a charge whose answer was lost, and one the
 * service stored but never sent (it stopped in between), are each settled once with what the processor did, and
 * charged once.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "billstream.billing-run.initial-delay=1h")
@RealInfrastructure
@Import(MovedTime.class)
class ReconcilerIT extends MerchantScenario {

    @Autowired
    BillingRun run;

    @Autowired
    BillingRunRepository charges;

    @Autowired
    Reconciler reconciler;

    @Autowired
    Clock clock;

    @Autowired
    PlatformTransactionManager transactions;

    @BeforeEach
    void realTime() {
        ((MovableClock) clock).reset();
    }

    @Test
    void aChargeWhoseAnswerWasLostIsSettledWithWhatTheProcessorDidAndNotChargedAgain() {
        UUID orderId = activeInstalmentOrder("4000000000007775");
        run.collectDue();
        assertThat(transactions(orderId, "UNKNOWN")).isEqualTo(3);
        run.collectDue();
        assertThat(requestsAtTheProcessor(orderId))
                .as("in flight: not charged again")
                .isEqualTo(3);

        reconciler.reconcile();
        reconciler.reconcile();

        assertThat(transactions(orderId, "APPROVED")).isEqualTo(3);
        assertThat(statuses(orderId)).containsExactly("COMPLETED", "COMPLETED", "COMPLETED", "SCHEDULED");
        assertThat(requestsAtTheProcessor(orderId)).isEqualTo(3);
        // Settled once each: one approved transaction per event, each of its own attempt. That its outcome is
        // published once per event id is shown on the broker by CrashPointsIT, in a process of its own.
        assertThat(jdbc.sql("""
                        SELECT count(DISTINCT billing_event_id) FROM payment_transaction
                        WHERE order_id = :id AND status = 'APPROVED' AND attempt = 1""").param("id", orderId).query(Long.class).single())
                .isEqualTo(3);
    }

    @Test
    void aChargeStoredButNeverSentIsSentUnderItsOwnKeyOnceItIsStale() {
        UUID orderId = activeInstalmentOrder("4242424242424242");
        UUID first = UUID.fromString(json(api.get("/api/v1/orders/" + orderId + "/billing-events", merchant))
                .get(0)
                .path("id")
                .asString());
        // What the service leaves when it stops after storing the attempt and before calling the processor.
        Charge stored = new TransactionTemplate(transactions)
                .execute(status -> charges.claimOne(first, clock.instant()).orElseThrow());

        reconciler.reconcile();
        assertThat(transactions(orderId, "PENDING"))
                .as("not stale yet: maybe still in flight")
                .isOne();
        ((MovableClock) clock).advance(Duration.ofMinutes(3));
        reconciler.reconcile();

        assertThat(transactions(orderId, "APPROVED")).isOne();
        assertThat(statuses(orderId).getFirst()).isEqualTo("COMPLETED");
        assertThat(jdbc.sql("SELECT count(*) FROM sandbox_request WHERE idempotency_key = :key")
                        .param("key", stored.idempotencyKey())
                        .query(Long.class)
                        .single())
                .isOne();
        run.collectDue();
        assertThat(transactions(orderId, "APPROVED"))
                .as("the other two due events")
                .isEqualTo(3);
        assertThat(requestsAtTheProcessor(orderId)).isEqualTo(3);
    }

    private long requestsAtTheProcessor(UUID orderId) {
        return jdbc.sql("""
                        SELECT count(*) FROM sandbox_request r JOIN payment_transaction t
                        ON t.idempotency_key = r.idempotency_key WHERE t.order_id = :id""").param("id", orderId).query(Long.class).single();
    }

    private List<String> statuses(UUID orderId) {
        return json(api.get("/api/v1/orders/" + orderId + "/billing-events", merchant))
                .valueStream()
                .map(e -> e.path("status").asString())
                .toList();
    }
}

package io.billstream.billing.billingevent;

import io.billstream.billing.processor.ProcessorOutcome;
import io.billstream.events.Money;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The billing run's reads and writes: claiming due events, and settling their charges. */
@Repository
class BillingRunRepository {

    private final JdbcClient jdbc;

    BillingRunRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims up to {@code limit} due SCHEDULED events of ACTIVE or FAILED orders that have a card, skipping those
     * another run has locked, and stores a PENDING transaction with its idempotency key for each: once this commits,
     * no other run claims them, and a charge under that key is carried out at most once.
     */
    List<Charge> claim(Instant now, int limit) {
        List<Charge> due = jdbc.sql("""
                        SELECT e.id, e.order_id, e.merchant_id, e.number, e.amount, e.currency, e.attempts, c.token
                        FROM billing_event e
                        JOIN order_copy o ON o.id = e.order_id
                        JOIN card c ON c.id = o.card_id
                        WHERE e.status = 'SCHEDULED' AND e.in_flight IS NULL AND e.scheduled_at <= :now
                          AND o.status IN ('ACTIVE', 'FAILED')
                        ORDER BY e.scheduled_at
                        LIMIT :limit
                        FOR UPDATE OF e SKIP LOCKED""")
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query((row, number) -> {
                    UUID eventId = row.getObject("id", UUID.class);
                    int attempt = row.getInt("attempts") + 1;
                    return new Charge(
                            UUID.randomUUID(),
                            eventId,
                            row.getObject("order_id", UUID.class),
                            row.getObject("merchant_id", UUID.class),
                            row.getObject("number", Integer.class),
                            row.getString("token"),
                            Money.of(row.getLong("amount"), row.getString("currency")),
                            attempt,
                            "billing-event-" + eventId + "-attempt-" + attempt);
                })
                .list();
        for (Charge charge : due) {
            jdbc.sql("""
                            INSERT INTO payment_transaction (id, merchant_id, order_id, billing_event_id, type, amount,
                                                             currency, status, idempotency_key, attempt, created_at)
                            VALUES (:id, :merchantId, :orderId, :eventId, 'PAYMENT', :amount, :currency, 'PENDING',
                                    :key, :attempt, :now)""")
                    .param("id", charge.transactionId())
                    .param("merchantId", charge.merchantId())
                    .param("orderId", charge.orderId())
                    .param("eventId", charge.billingEventId())
                    .param("amount", charge.amount().amount())
                    .param("currency", charge.amount().currency().getCurrencyCode())
                    .param("key", charge.idempotencyKey())
                    .param("attempt", charge.attempt())
                    .param("now", Timestamp.from(now))
                    .update();
            jdbc.sql("UPDATE billing_event SET in_flight = :tx, attempts = :attempt WHERE id = :id")
                    .param("tx", charge.transactionId())
                    .param("attempt", charge.attempt())
                    .param("id", charge.billingEventId())
                    .update();
        }
        return due;
    }

    /** Records the processor's answer: the transaction's outcome and the event's new status, released from the run. */
    void settle(Charge charge, ProcessorOutcome outcome, BillingEventStatus status, Instant now) {
        jdbc.sql("""
                        UPDATE payment_transaction SET status = :status, code = :code, processor_reference = :reference,
                                                       settled_at = :now
                        WHERE id = :id""")
                .param("id", charge.transactionId())
                .param("status", outcome.result().name())
                .param("code", outcome.code())
                .param("reference", outcome.reference())
                .param("now", Timestamp.from(now))
                .update();
        jdbc.sql("UPDATE billing_event SET status = :status, in_flight = NULL WHERE id = :id")
                .param("id", charge.billingEventId())
                .param("status", status.name())
                .update();
    }

    /** The processor's answer was lost: the charge stays claimed, to be asked for under its key, never charged again. */
    void unknown(Charge charge) {
        jdbc.sql("UPDATE payment_transaction SET status = 'UNKNOWN' WHERE id = :id")
                .param("id", charge.transactionId())
                .update();
    }
}

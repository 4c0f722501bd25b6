package io.billstream.billing.billingevent;

import io.billstream.billing.payment.NewTransaction;
import io.billstream.billing.payment.PaymentTransactions;
import io.billstream.billing.payment.TransactionKind;
import io.billstream.billing.processor.ProcessorOutcome;
import io.billstream.events.Money;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The billing run's reads and writes: claiming due events, and settling their charges. */
@Repository
class BillingRunRepository {

    /** Billing events with what charging them needs: their order's card. */
    private static final String CHARGES = """
            SELECT e.id, e.order_id, e.merchant_id, e.number, e.amount, e.currency, e.attempts, c.id AS card_id, c.token,
                   o.orders_sequence
            FROM billing_event e
            JOIN order_copy o ON o.id = e.order_id
            JOIN card c ON c.id = o.card_id AND c.token IS NOT NULL
            WHERE e.in_flight IS NULL
            """;

    /** SCHEDULED events due, of live orders that may be charged. */
    private static final String DUE =
            "e.status = 'SCHEDULED' AND e.scheduled_at <= :now AND o.status IN ('ACTIVE', 'FAILED')";

    /** Soft-declined events whose automatic retry is due, of live orders that may be charged. */
    private static final String RETRY_DUE =
            "e.status = 'SOFT_DECLINED' AND e.next_retry_at <= :now AND o.status IN ('ACTIVE', 'FAILED')";

    private final JdbcClient jdbc;
    private final PaymentTransactions transactions;

    BillingRunRepository(JdbcClient jdbc, PaymentTransactions transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Claims up to {@code limit} due SCHEDULED events of ACTIVE or FAILED orders that have a card, skipping those
     * another run has locked and those of the orders {@code passedOver} in this round, and stores a PENDING transaction
     * with its idempotency key for each: once this commits, no other run claims them, and a charge under that key is
     * carried out at most once.
     */
    List<Charge> claim(Instant now, int limit, Set<UUID> passedOver) {
        List<Charge> claimed = new ArrayList<>(claimWhere(DUE, "e.scheduled_at", now, limit, passedOver));
        // Each kind after the previous one is marked in flight, so that none is claimed twice.
        if (claimed.size() < limit) {
            claimed.addAll(claimWhere(RETRY_DUE, "e.next_retry_at", now, limit - claimed.size(), passedOver));
        }
        if (claimed.size() < limit) {
            claimed.addAll(claimArrears(null, now, limit - claimed.size(), passedOver));
        }
        return claimed;
    }

    /** Claims up to {@code limit} events matching {@code condition}, oldest {@code by} first, as {@link #claim} does. */
    private List<Charge> claimWhere(String condition, String by, Instant now, int limit, Set<UUID> passedOver) {
        List<Charge> charges = passingOver(
                        jdbc.sql(CHARGES + notOf(passedOver) + " AND " + condition + " ORDER BY " + by
                                + " LIMIT :limit FOR UPDATE OF e SKIP LOCKED"),
                        passedOver)
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query((row, number) -> charge(row))
                .list();
        charges.forEach(charge -> claimed(charge, now));
        return charges;
    }

    private static String notOf(Set<UUID> passedOver) {
        return passedOver.isEmpty() ? "" : " AND o.id NOT IN (:passedOver)";
    }

    private static JdbcClient.StatementSpec passingOver(JdbcClient.StatementSpec query, Set<UUID> passedOver) {
        return passedOver.isEmpty() ? query : query.param("passedOver", passedOver);
    }

    /**
     * Billing events of orders whose card was replaced, to be collected on the new card: the declined ones not
     * attempted since the replacement (a rescheduled or merged one is no longer declined), and the overdue ones, also
     * of a SUSPENDED order, which the new card may lift. Each is claimed once per replacement: once attempted on the
     * new card, a decline is the new card's, retried by the usual rules.
     */
    private List<Charge> arrears(UUID orderId, Instant now, int limit, Set<UUID> passedOver) {
        JdbcClient.StatementSpec query = jdbc.sql(
                        CHARGES + notOf(passedOver) + (orderId == null ? "" : " AND o.id = :orderId") + """
                          AND o.recovery_from IS NOT NULL AND o.status IN ('ACTIVE', 'FAILED', 'SUSPENDED')
                          AND ((e.status IN ('SOFT_DECLINED', 'HARD_DECLINED')
                                AND NOT EXISTS (SELECT 1 FROM payment_transaction t
                                                WHERE t.billing_event_id = e.id AND t.created_at >= o.recovery_from))
                               OR (e.status = 'SCHEDULED' AND e.scheduled_at <= :now))
                        ORDER BY e.scheduled_at
                        LIMIT :limit
                        FOR UPDATE OF e SKIP LOCKED""")
                .param("now", Timestamp.from(now))
                .param("limit", limit);
        query = passingOver(query, passedOver);
        if (orderId != null) {
            query = query.param("orderId", orderId);
        }
        return query.query((row, number) -> charge(row)).list();
    }

    /** Claims the arrears of orders whose card was replaced (of one order, or all when it is absent) as {@link #claim} does. */
    List<Charge> claimArrears(UUID orderId, Instant now, int limit, Set<UUID> passedOver) {
        List<Charge> arrears = arrears(orderId, now, limit, passedOver);
        arrears.forEach(charge -> claimed(charge, now));
        return arrears;
    }

    /**
     * Claims one billing event for a charge now, like {@link #claim} but for the merchant's retry or execute now: the
     * caller has locked the order and the event and checked that it may be charged. Empty when the order has no card.
     */
    Optional<Charge> claimOne(UUID billingEventId, Instant now) {
        List<Charge> one = jdbc.sql(CHARGES + " AND e.id = :id")
                .param("id", billingEventId)
                .query((row, number) -> charge(row))
                .list();
        one.forEach(charge -> claimed(charge, now));
        return one.stream().findFirst();
    }

    /** A new attempt at the row's event, under a new transaction and the attempt's key. */
    private static Charge charge(java.sql.ResultSet row) throws java.sql.SQLException {
        int attempt = row.getInt("attempts") + 1;
        return charge(
                row,
                UUID.randomUUID(),
                attempt,
                "billing-event-" + row.getObject("id", UUID.class) + "-attempt-" + attempt);
    }

    /** The row's event charged to its card, as the given transaction, attempt and key. */
    private static Charge charge(java.sql.ResultSet row, UUID transactionId, int attempt, String idempotencyKey)
            throws java.sql.SQLException {
        return new Charge(
                transactionId,
                row.getObject("id", UUID.class),
                row.getObject("order_id", UUID.class),
                row.getObject("merchant_id", UUID.class),
                row.getObject("number", Integer.class),
                row.getObject("card_id", UUID.class),
                row.getString("token"),
                Money.of(row.getLong("amount"), row.getString("currency")),
                attempt,
                idempotencyKey,
                row.getLong("orders_sequence"));
    }

    /** Stores the attempt's PENDING transaction with its idempotency key and marks the event in flight. */
    private void claimed(Charge charge, Instant now) {
        transactions.pending(
                new NewTransaction(
                        charge.transactionId(),
                        charge.merchantId(),
                        charge.orderId(),
                        charge.billingEventId(),
                        null,
                        charge.cardId(),
                        TransactionKind.PAYMENT,
                        charge.amount(),
                        null,
                        charge.idempotencyKey(),
                        charge.attempt(),
                        null),
                now);
        jdbc.sql("UPDATE billing_event SET in_flight = :tx, attempts = :attempt WHERE id = :id")
                .param("tx", charge.transactionId())
                .param("attempt", charge.attempt())
                .param("id", charge.billingEventId())
                .update();
    }

    /** Where the event's 30 days of retries started; absent before its first soft decline. */
    Optional<Instant> retryWindowFrom(UUID billingEventId) {
        return jdbc.sql("SELECT retry_window_from FROM billing_event WHERE id = :id")
                .param("id", billingEventId)
                .query((row, number) -> row.getTimestamp("retry_window_from"))
                .optional()
                .map(Timestamp::toInstant);
    }

    /** Records the processor's answer: the transaction's outcome and the event's new status, released from the run. */
    void settle(Charge charge, ProcessorOutcome outcome, BillingEventStatus status, Instant now) {
        transactions.settle(charge.transactionId(), outcome, now);
        jdbc.sql("""
                        UPDATE billing_event SET status = :status, in_flight = NULL, next_retry_at = NULL,
                               retry_window_from = CASE WHEN :status = 'SOFT_DECLINED'
                                   THEN COALESCE(retry_window_from, GREATEST(:now, scheduled_at))
                                   ELSE retry_window_from END
                        WHERE id = :id""")
                .param("id", charge.billingEventId())
                .param("status", status.name())
                .param("now", Timestamp.from(now))
                .update();
    }

    /** The soft-declined events whose 30 days of retries ended unused, marked exhausted so that each is told once. */
    List<Exhausted> exhaust(Instant now) {
        return jdbc.sql("""
                        UPDATE billing_event SET exhausted_at = :now
                        WHERE status = 'SOFT_DECLINED' AND exhausted_at IS NULL AND in_flight IS NULL
                          AND retry_window_from <= :windowStart
                        RETURNING id, order_id, merchant_id, attempts""")
                .param("now", Timestamp.from(now))
                .param("windowStart", Timestamp.from(now.minus(BillingEventActions.RETRY_WINDOW)))
                .query((row, number) -> new Exhausted(
                        row.getObject("merchant_id", UUID.class),
                        row.getObject("order_id", UUID.class),
                        row.getObject("id", UUID.class),
                        row.getInt("attempts")))
                .list();
    }

    record Exhausted(UUID merchantId, UUID orderId, UUID billingEventId, int attempts) {}

    /** A decline used the event's last retry: marked, so that the sweep of {@link #exhaust} does not tell it again. */
    void exhausted(UUID billingEventId, Instant now) {
        jdbc.sql("UPDATE billing_event SET exhausted_at = :now WHERE id = :id")
                .param("id", billingEventId)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** When the billing run retries the soft-declined event next; none when absent. */
    void retryAt(UUID billingEventId, Instant at) {
        jdbc.sql("UPDATE billing_event SET next_retry_at = :at WHERE id = :id")
                .param("id", billingEventId)
                .param("at", at == null ? null : Timestamp.from(at))
                .update();
    }

    /**
     * The billing run's charges with no answer recorded: UNKNOWN (the answer was lost), or PENDING since before
     * {@code staleBefore} (the service stopped between storing the attempt and settling it). Each is still its
     * event's charge in flight, under its own idempotency key.
     */
    List<Charge> unanswered(Instant staleBefore, int limit) {
        return jdbc.sql("""
                        SELECT t.id AS transaction_id, e.id, e.order_id, e.merchant_id, e.number, t.amount, t.currency,
                               t.attempt, t.idempotency_key, t.card_id, c.token, o.orders_sequence
                        FROM payment_transaction t
                        JOIN billing_event e ON e.id = t.billing_event_id AND e.in_flight = t.id
                        JOIN order_copy o ON o.id = e.order_id
                        JOIN card c ON c.id = t.card_id
                        WHERE t.type = 'PAYMENT' AND t.channel IS NULL
                          AND (t.status = 'UNKNOWN' OR (t.status = 'PENDING' AND t.created_at < :staleBefore))
                        ORDER BY t.created_at
                        LIMIT :limit""")
                .param("staleBefore", Timestamp.from(staleBefore))
                .param("limit", limit)
                .query((row, number) -> charge(
                        row,
                        row.getObject("transaction_id", UUID.class),
                        row.getInt("attempt"),
                        row.getString("idempotency_key")))
                .list();
    }

    /** Locks the charge's transaction; whether it still awaits its answer, so that it is settled once. */
    boolean stillUnanswered(Charge charge) {
        return transactions.awaitingAnswer(charge.transactionId());
    }

    /**
     * A charge not sent (the processor turned it away, or the claim was made on an order copy that has since fallen
     * behind): the event is released as if never claimed, its attempt not counted, and the PENDING transaction goes.
     * The next claim sends it as the same attempt, under the same key.
     */
    void release(Charge charge) {
        jdbc.sql("UPDATE billing_event SET in_flight = NULL, attempts = :attempts WHERE id = :id AND in_flight = :tx")
                .param("attempts", charge.attempt() - 1)
                .param("id", charge.billingEventId())
                .param("tx", charge.transactionId())
                .update();
        transactions.discard(charge.transactionId());
    }

    /** The processor's answer was lost: the charge stays claimed, to be asked for under its key, never charged again. */
    void unknown(Charge charge) {
        transactions.unknown(charge.transactionId());
    }
}

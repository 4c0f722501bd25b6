package io.billstream.billing.payment;

import io.billstream.billing.processor.ProcessorOutcome;
import io.billstream.events.Money;
import io.billstream.events.order.PaymentChannel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every transaction of the service. Writes go through {@link #pending} before the processor is called and
 * {@link #settle} after it answered; reads are scoped by merchant, so another merchant's transaction is not found.
 */
@Repository
public class PaymentTransactions {

    /** Amounts of a parent's children that count against it: approved, and those the processor may still carry out. */
    private static final String TAKEN = """
            SELECT COALESCE(SUM(c.amount), 0) FROM payment_transaction c
            WHERE c.parent_id = t.id AND c.type = '%s' AND c.status IN ('PENDING', 'UNKNOWN', 'APPROVED')""";

    private static final String SELECT = """
            SELECT t.id, t.order_id, o.customer_id, t.billing_event_id, t.parent_id, t.type, t.status, t.amount,
                   t.currency, t.code, t.channel, t.attempt, t.card_id, t.reason, t.created_at, t.settled_at,
                   (SELECT COALESCE(SUM(r.amount), 0) FROM payment_transaction r
                    WHERE r.parent_id = t.id AND r.type = 'REFUND' AND r.status = 'APPROVED') AS refunded,
                   (%s) AS refunding
            FROM payment_transaction t JOIN order_copy o ON o.id = t.order_id
            """.formatted(TAKEN.formatted("REFUND"));

    private final JdbcClient jdbc;

    PaymentTransactions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the transaction as PENDING; once committed, the processor may be asked under its idempotency key. */
    public void pending(NewTransaction transaction, Instant now) {
        jdbc.sql("""
                        INSERT INTO payment_transaction (id, merchant_id, order_id, billing_event_id, parent_id, card_id,
                                                         type, amount, currency, status, channel, idempotency_key,
                                                         attempt, reason, created_at)
                        VALUES (:id, :merchantId, :orderId, :billingEventId, :parentId, :cardId, :type, :amount,
                                :currency, 'PENDING', :channel, :key, :attempt, :reason, :now)""")
                .param("id", transaction.id())
                .param("merchantId", transaction.merchantId())
                .param("orderId", transaction.orderId())
                .param("billingEventId", transaction.billingEventId())
                .param("parentId", transaction.parentId())
                .param("cardId", transaction.cardId())
                .param("type", transaction.type().name())
                .param("amount", transaction.amount().amount())
                .param("currency", transaction.amount().currency().getCurrencyCode())
                .param(
                        "channel",
                        transaction.channel() == null
                                ? null
                                : transaction.channel().name())
                .param("key", transaction.idempotencyKey())
                .param("attempt", transaction.attempt())
                .param("reason", transaction.reason())
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Removes a PENDING transaction that was never sent: the processor turned it away, so nothing happened. */
    public void discard(UUID id) {
        jdbc.sql("DELETE FROM payment_transaction WHERE id = :id AND status = 'PENDING'")
                .param("id", id)
                .update();
    }

    /** Records the processor's answer. */
    public void settle(UUID id, ProcessorOutcome outcome, Instant now) {
        jdbc.sql("""
                        UPDATE payment_transaction SET status = :status, code = :code, processor_reference = :reference,
                                                       settled_at = :now, card_token = NULL
                        WHERE id = :id""")
                .param("id", id)
                .param("status", outcome.result().name())
                .param("code", outcome.code())
                .param("reference", outcome.reference())
                .param("now", Timestamp.from(now))
                .update();
    }

    /** The processor's answer was lost: to be asked for under the same idempotency key, never sent again. */
    public void unknown(UUID id) {
        jdbc.sql("UPDATE payment_transaction SET status = 'UNKNOWN' WHERE id = :id")
                .param("id", id)
                .update();
    }

    /** Ends a transaction the processor did not approve or decline: REFUSED outright, or VOIDED. */
    public void end(UUID id, TransactionStatus status, Instant now) {
        jdbc.sql("UPDATE payment_transaction SET status = :status, settled_at = :now, card_token = NULL WHERE id = :id")
                .param("id", id)
                .param("status", status.name())
                .param("now", Timestamp.from(now))
                .update();
    }

    /** The new card a first step is sent with, kept until it is answered; see {@link Unanswered}. */
    public void cardToken(UUID id, String token) {
        jdbc.sql("UPDATE payment_transaction SET card_token = :token WHERE id = :id")
                .param("id", id)
                .param("token", token)
                .update();
    }

    /**
     * Locks the transaction; whether it still waits for its answer (PENDING or UNKNOWN). Whoever settles it checks
     * this first, so that a late answer and the reconciler never settle, nor publish, one transaction twice.
     */
    public boolean awaitingAnswer(UUID id) {
        return jdbc.sql("SELECT status FROM payment_transaction WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(String.class)
                .optional()
                .filter(status -> status.equals("PENDING") || status.equals("UNKNOWN"))
                .isPresent();
    }

    /**
     * Up to {@code limit} transactions other than the billing run's charges whose answer is missing: UNKNOWN (lost),
     * or PENDING since before {@code staleBefore} (the service stopped before the answer came), oldest first.
     */
    public List<Unanswered> unanswered(Instant staleBefore, int limit) {
        return jdbc.sql("""
                        SELECT t.id, t.merchant_id, t.order_id, t.billing_event_id, t.parent_id, t.card_id, t.type,
                               t.amount, t.currency, t.channel, t.idempotency_key, t.attempt, t.reason,
                               COALESCE(c.token, t.card_token) AS token, p.processor_reference AS parent_reference,
                               o.customer_id
                        FROM payment_transaction t
                        JOIN order_copy o ON o.id = t.order_id
                        LEFT JOIN card c ON c.id = t.card_id
                        LEFT JOIN payment_transaction p ON p.id = t.parent_id
                        WHERE (t.status = 'UNKNOWN' OR (t.status = 'PENDING' AND t.created_at < :staleBefore))
                          AND NOT (t.type = 'PAYMENT' AND t.channel IS NULL)
                        ORDER BY t.created_at
                        LIMIT :limit""")
                .param("staleBefore", Timestamp.from(staleBefore))
                .param("limit", limit)
                .query((row, number) -> new Unanswered(
                        new NewTransaction(
                                row.getObject("id", UUID.class),
                                row.getObject("merchant_id", UUID.class),
                                row.getObject("order_id", UUID.class),
                                row.getObject("billing_event_id", UUID.class),
                                row.getObject("parent_id", UUID.class),
                                row.getObject("card_id", UUID.class),
                                TransactionKind.valueOf(row.getString("type")),
                                Money.of(row.getLong("amount"), row.getString("currency")),
                                row.getString("channel") == null
                                        ? null
                                        : PaymentChannel.valueOf(row.getString("channel")),
                                row.getString("idempotency_key"),
                                row.getInt("attempt"),
                                row.getString("reason")),
                        row.getString("token"),
                        row.getString("parent_reference"),
                        row.getObject("customer_id", UUID.class)))
                .list();
    }

    /** The card a first step was made with, once it is stored as the customer's. */
    public void card(UUID id, UUID cardId) {
        jdbc.sql("UPDATE payment_transaction SET card_id = :cardId WHERE id = :id")
                .param("id", id)
                .param("cardId", cardId)
                .update();
    }

    public Optional<Transaction> find(UUID merchantId, UUID id) {
        return jdbc.sql(SELECT + "WHERE t.merchant_id = :merchantId AND t.id = :id")
                .param("merchantId", merchantId)
                .param("id", id)
                .query(PaymentTransactions::transaction)
                .optional();
    }

    /** The transaction, locked until the caller's transaction ends: captures and refunds of it wait for each other. */
    public Optional<Transaction> lock(UUID merchantId, UUID id) {
        return jdbc.sql("SELECT id FROM payment_transaction WHERE merchant_id = :merchantId AND id = :id FOR UPDATE")
                .param("merchantId", merchantId)
                .param("id", id)
                .query(UUID.class)
                .optional()
                .flatMap(locked -> find(merchantId, locked));
    }

    /** The processor's id of an answered transaction, which captures and refunds name. */
    public String processorReference(UUID id) {
        return jdbc.sql("SELECT processor_reference FROM payment_transaction WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    /** What captures of a pre-authorisation have taken of it so far. */
    public long captured(UUID authorisationId) {
        return jdbc.sql("""
                        SELECT COALESCE(SUM(amount), 0) FROM payment_transaction
                        WHERE parent_id = :id AND type = 'CAPTURE' AND status IN ('PENDING', 'UNKNOWN', 'APPROVED')""").param("id", authorisationId).query(Long.class).single();
    }

    /** An order's transactions, oldest first. */
    public List<Transaction> ofOrder(UUID orderId) {
        return jdbc.sql(SELECT + "WHERE t.order_id = :orderId ORDER BY t.created_at, t.id")
                .param("orderId", orderId)
                .query(PaymentTransactions::transaction)
                .list();
    }

    /** The order's first steps so far: payment, pre-authorisation or registration attempts, newest first. */
    public List<Transaction> firstSteps(UUID orderId) {
        return jdbc.sql(SELECT + "WHERE t.order_id = :orderId AND t.channel IS NOT NULL ORDER BY t.attempt DESC")
                .param("orderId", orderId)
                .query(PaymentTransactions::transaction)
                .list();
    }

    /** One page of the merchant's transactions matching {@code search}, newest first, and how many match in all. */
    public List<Transaction> search(UUID merchantId, PaymentSearch search, int page, int size) {
        Filter filter = filter(merchantId, search);
        return jdbc.sql(SELECT + filter.where() + " ORDER BY t.created_at DESC, t.id LIMIT :size OFFSET :offset")
                .params(filter.params())
                .param("size", size)
                .param("offset", (long) page * size)
                .query(PaymentTransactions::transaction)
                .list();
    }

    public long count(UUID merchantId, PaymentSearch search) {
        Filter filter = filter(merchantId, search);
        return jdbc.sql("SELECT count(*) FROM payment_transaction t JOIN order_copy o ON o.id = t.order_id "
                        + filter.where())
                .params(filter.params())
                .query(Long.class)
                .single();
    }

    /** The WHERE clause of a search and its parameters. */
    private record Filter(String where, Map<String, Object> params) {}

    private static Filter filter(UUID merchantId, PaymentSearch search) {
        StringBuilder where = new StringBuilder("WHERE t.merchant_id = :merchantId");
        Map<String, Object> params = new HashMap<>();
        params.put("merchantId", merchantId);
        if (search.status() != null) {
            where.append(" AND t.status = :status");
            params.put("status", search.status().name());
        }
        if (search.type() != null) {
            where.append(" AND t.type = :type");
            params.put("type", search.type().name());
        }
        if (search.orderId() != null) {
            where.append(" AND t.order_id = :orderId");
            params.put("orderId", search.orderId());
        }
        if (search.customerId() != null) {
            where.append(" AND o.customer_id = :customerId");
            params.put("customerId", search.customerId());
        }
        if (search.from() != null) {
            where.append(" AND t.created_at >= :from");
            params.put("from", Timestamp.from(search.from()));
        }
        if (search.to() != null) {
            where.append(" AND t.created_at < :to");
            params.put("to", Timestamp.from(search.to()));
        }
        return new Filter(where.toString(), params);
    }

    private static Transaction transaction(ResultSet row, int number) throws SQLException {
        String currency = row.getString("currency");
        TransactionKind type = TransactionKind.valueOf(row.getString("type"));
        TransactionStatus status = TransactionStatus.valueOf(row.getString("status"));
        long amount = row.getLong("amount");
        boolean refundablePayment = type.collects() && status == TransactionStatus.APPROVED;
        String channel = row.getString("channel");
        return new Transaction(
                row.getObject("id", UUID.class),
                row.getObject("order_id", UUID.class),
                row.getObject("customer_id", UUID.class),
                row.getObject("billing_event_id", UUID.class),
                row.getObject("parent_id", UUID.class),
                type,
                status,
                Money.of(amount, currency),
                refundablePayment ? Money.of(row.getLong("refunded"), currency) : null,
                refundablePayment ? Money.of(amount - row.getLong("refunding"), currency) : null,
                row.getString("code"),
                channel == null ? null : PaymentChannel.valueOf(channel),
                row.getInt("attempt"),
                row.getObject("card_id", UUID.class),
                row.getString("reason"),
                row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("settled_at") == null
                        ? null
                        : row.getTimestamp("settled_at").toInstant());
    }
}

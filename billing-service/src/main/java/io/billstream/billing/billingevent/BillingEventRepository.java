package io.billstream.billing.billingevent;

import io.billstream.events.Money;
import io.billstream.events.billing.BillingEventCancelled;
import io.billstream.events.billing.DeclineCodes;
import io.billstream.events.billing.DeclineKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class BillingEventRepository {

    /** Billing events with their latest declined attempt, if any. */
    private static final String SELECT = """
            SELECT e.*, d.status AS decline_status, d.code AS decline_code, d.settled_at AS declined_at
            FROM billing_event e
            LEFT JOIN LATERAL (SELECT t.status, t.code, t.settled_at FROM payment_transaction t
                               WHERE t.billing_event_id = e.id AND t.status IN ('SOFT_DECLINED', 'HARD_DECLINED')
                               ORDER BY t.created_at DESC LIMIT 1) d ON TRUE
            """;

    private final JdbcClient jdbc;

    BillingEventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID merchantId, BillingEvent event) {
        jdbc.sql("""
                        INSERT INTO billing_event (id, merchant_id, order_id, number, amount, currency, scheduled_at,
                                                   status, attempts, created_at)
                        VALUES (:id, :merchantId, :orderId, :number, :amount, :currency, :scheduledAt, :status,
                                :attempts, :createdAt)""")
                .param("id", event.id())
                .param("merchantId", merchantId)
                .param("orderId", event.orderId())
                .param("number", event.number())
                .param("amount", event.amount().amount())
                .param("currency", event.amount().currency().getCurrencyCode())
                .param("scheduledAt", Timestamp.from(event.scheduledAt()))
                .param("status", event.status().name())
                .param("attempts", event.attempts())
                .param("createdAt", Timestamp.from(event.createdAt()))
                .update();
    }

    Optional<BillingEvent> find(UUID merchantId, UUID id) {
        return jdbc.sql(SELECT + "WHERE e.merchant_id = :merchantId AND e.id = :id")
                .param("merchantId", merchantId)
                .param("id", id)
                .query(BillingEventRepository::event)
                .optional();
    }

    /** The merchant's billing event, locked until the transaction ends. */
    Optional<BillingEvent> findForUpdate(UUID merchantId, UUID id) {
        return jdbc.sql(SELECT + "WHERE e.merchant_id = :merchantId AND e.id = :id FOR UPDATE OF e")
                .param("merchantId", merchantId)
                .param("id", id)
                .query(BillingEventRepository::event)
                .optional();
    }

    void update(BillingEvent event) {
        jdbc.sql("""
                        UPDATE billing_event SET amount = :amount, scheduled_at = :scheduledAt, status = :status,
                                                 merged_into = :mergedInto, next_retry_at = :nextRetryAt
                        WHERE id = :id""")
                .param("id", event.id())
                .param("amount", event.amount().amount())
                .param("scheduledAt", Timestamp.from(event.scheduledAt()))
                .param("status", event.status().name())
                .param("mergedInto", event.mergedInto())
                .param("nextRetryAt", event.nextRetryAt() == null ? null : Timestamp.from(event.nextRetryAt()))
                .update();
    }

    /**
     * The first SCHEDULED instalment of an order, which its first step collects (or reserves, for a capture later);
     * locked until the transaction ends.
     */
    Optional<BillingEvent> firstInstalment(UUID orderId) {
        return jdbc.sql(SELECT
                        + "WHERE e.order_id = :orderId AND e.number = 1 AND e.status = 'SCHEDULED' FOR UPDATE OF e")
                .param("orderId", orderId)
                .query(BillingEventRepository::event)
                .optional();
    }

    /** A first payment or capture collected the event, outside the billing run. */
    void collectedByFirstStep(UUID id) {
        jdbc.sql("UPDATE billing_event SET status = 'COMPLETED', attempts = attempts + 1 WHERE id = :id")
                .param("id", id)
                .update();
    }

    /** The order's SCHEDULED billing events no charge has claimed, locked until the transaction ends. */
    List<BillingEvent> scheduledNotInFlight(UUID orderId) {
        return jdbc.sql(SELECT + """
                        WHERE e.order_id = :orderId AND e.status = 'SCHEDULED' AND e.in_flight IS NULL
                        ORDER BY e.scheduled_at, e.id FOR UPDATE OF e""")
                .param("orderId", orderId)
                .query(BillingEventRepository::event)
                .list();
    }

    void cancel(UUID id, BillingEventCancelled.Reason reason) {
        jdbc.sql("UPDATE billing_event SET status = 'CANCELLED', cancel_reason = :reason WHERE id = :id")
                .param("id", id)
                .param("reason", reason.name())
                .update();
    }

    /** The order's billing events in the order they are collected. */
    List<BillingEvent> of(UUID orderId) {
        return jdbc.sql(SELECT + """
                        WHERE e.order_id = :orderId
                        ORDER BY e.scheduled_at, e.number NULLS LAST, e.created_at, e.id""")
                .param("orderId", orderId)
                .query(BillingEventRepository::event)
                .list();
    }

    private static BillingEvent event(ResultSet row, int number) throws SQLException {
        String declined = row.getString("decline_status");
        String cancelReason = row.getString("cancel_reason");
        Timestamp nextRetryAt = row.getTimestamp("next_retry_at");
        return new BillingEvent(
                row.getObject("id", UUID.class),
                row.getObject("order_id", UUID.class),
                row.getObject("number", Integer.class),
                Money.of(row.getLong("amount"), row.getString("currency")),
                row.getTimestamp("scheduled_at").toInstant(),
                BillingEventStatus.valueOf(row.getString("status")),
                row.getInt("attempts"),
                row.getObject("merged_into", UUID.class),
                row.getTimestamp("created_at").toInstant(),
                declined == null
                        ? null
                        : new BillingEvent.Decline(
                                declined.equals("HARD_DECLINED") ? DeclineKind.HARD : DeclineKind.SOFT,
                                row.getString("decline_code"),
                                DeclineCodes.reasonOf(row.getString("decline_code")),
                                row.getTimestamp("declined_at") == null
                                        ? null
                                        : row.getTimestamp("declined_at").toInstant()),
                // A planned retry of an event no longer soft-declined is no plan: the run retries SOFT_DECLINED only.
                nextRetryAt == null || !"SOFT_DECLINED".equals(row.getString("status"))
                        ? null
                        : nextRetryAt.toInstant(),
                cancelReason == null ? null : BillingEventCancelled.Reason.valueOf(cancelReason));
    }
}

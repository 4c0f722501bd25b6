package io.billstream.billing.billingevent;

import io.billstream.events.order.UsageRecorded;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The usage of METERED orders, from order-service's {@code UsageRecorded}: open until a billing event bills it, open
 * again when that event is skipped, moved to the event that replaces it in a merge.
 */
@Repository
class UsageCopies {

    private final JdbcClient jdbc;

    UsageCopies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UsageRecorded usage) {
        jdbc.sql("""
                        INSERT INTO usage_record_copy (id, order_id, amount, usage_date, recorded_at)
                        VALUES (:id, :orderId, :amount, :date, :recordedAt)
                        ON CONFLICT (id) DO NOTHING""")
                .param("id", usage.usageRecordId())
                .param("orderId", usage.orderId())
                .param("amount", usage.amount().amount())
                .param("date", Date.valueOf(usage.date()))
                .param("recordedAt", Timestamp.from(usage.recordedAt()))
                .update();
    }

    /** The order's usage no billing event bills yet, oldest day first, with their amounts. */
    List<OpenUsage> open(UUID orderId) {
        return jdbc.sql("""
                        SELECT id, amount FROM usage_record_copy WHERE order_id = :orderId AND billing_event_id IS NULL
                        ORDER BY usage_date, recorded_at, id FOR UPDATE""")
                .param("orderId", orderId)
                .query((row, number) -> new OpenUsage(row.getObject("id", UUID.class), row.getLong("amount")))
                .list();
    }

    record OpenUsage(UUID id, long amount) {}

    void billedBy(List<UUID> usageIds, UUID billingEventId) {
        jdbc.sql("UPDATE usage_record_copy SET billing_event_id = :eventId WHERE id IN (:ids)")
                .param("eventId", billingEventId)
                .param("ids", usageIds)
                .update();
    }

    /** A skipped event bills nothing: its usage is open again. */
    void release(UUID billingEventId) {
        jdbc.sql("UPDATE usage_record_copy SET billing_event_id = NULL WHERE billing_event_id = :eventId")
                .param("eventId", billingEventId)
                .update();
    }

    /** The usage of merged events is billed by the event that replaces them. */
    void move(List<UUID> fromBillingEventIds, UUID toBillingEventId) {
        jdbc.sql("UPDATE usage_record_copy SET billing_event_id = :to WHERE billing_event_id IN (:from)")
                .param("to", toBillingEventId)
                .param("from", fromBillingEventIds)
                .update();
    }
}

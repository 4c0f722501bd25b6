package io.billstream.order.order;

import io.billstream.events.Money;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Usage records, always read through their order, which scopes them to its merchant. */
@Repository
class UsageRepository {

    private final JdbcClient jdbc;

    UsageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID merchantId, UsageRecord usage) {
        jdbc.sql("""
                        INSERT INTO usage_record (id, merchant_id, order_id, description, usage_date, quantity, unit,
                                                  unit_price, amount, recorded_at)
                        VALUES (:id, :merchantId, :orderId, :description, :date, :quantity, :unit, :unitPrice,
                                :amount, :recordedAt)""")
                .param("id", usage.id())
                .param("merchantId", merchantId)
                .param("orderId", usage.orderId())
                .param("description", usage.description())
                .param("date", usage.date())
                .param("quantity", usage.quantity())
                .param("unit", usage.unit())
                .param("unitPrice", usage.unitPrice().amount())
                .param("amount", usage.amount().amount())
                .param("recordedAt", Timestamp.from(usage.recordedAt()))
                .update();
    }

    /** Marks the order's records among {@code ids} invoiced by {@code billingEventId}; records of other orders stay. */
    void markInvoiced(UUID orderId, Collection<UUID> ids, UUID billingEventId) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        UPDATE usage_record SET billing_event_id = :billingEventId
                        WHERE order_id = :orderId AND id IN (:ids) AND billing_event_id IS NULL""")
                .param("orderId", orderId)
                .param("ids", ids)
                .param("billingEventId", billingEventId)
                .update();
    }

    /** Makes what {@code billingEventId} was to invoice uninvoiced again: the event was skipped. */
    void release(UUID orderId, UUID billingEventId) {
        jdbc.sql("UPDATE usage_record SET billing_event_id = NULL WHERE order_id = :orderId AND billing_event_id = :id")
                .param("orderId", orderId)
                .param("id", billingEventId)
                .update();
    }

    /** Moves what merged billing events were to invoice to the event that replaces them. */
    void moveTo(UUID orderId, Collection<UUID> merged, UUID replacement) {
        jdbc.sql("""
                        UPDATE usage_record SET billing_event_id = :replacement
                        WHERE order_id = :orderId AND billing_event_id IN (:merged)""")
                .param("orderId", orderId)
                .param("merged", merged)
                .param("replacement", replacement)
                .update();
    }

    /** Newest day first; {@code invoiced} null for all. */
    List<UsageRecord> of(UUID orderId, String currency, Boolean invoiced, int page, int size) {
        return jdbc.sql("SELECT * FROM usage_record WHERE " + where(invoiced)
                        + " ORDER BY usage_date DESC, recorded_at DESC, id LIMIT :limit OFFSET :offset")
                .param("orderId", orderId)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query((row, number) -> usage(row, currency))
                .list();
    }

    long count(UUID orderId, Boolean invoiced) {
        return jdbc.sql("SELECT count(*) FROM usage_record WHERE " + where(invoiced))
                .param("orderId", orderId)
                .query(Long.class)
                .single();
    }

    private static String where(Boolean invoiced) {
        if (invoiced == null) {
            return "order_id = :orderId";
        }
        return "order_id = :orderId AND billing_event_id IS " + (invoiced ? "NOT NULL" : "NULL");
    }

    private static UsageRecord usage(ResultSet row, String currency) throws SQLException {
        UUID billingEventId = row.getObject("billing_event_id", UUID.class);
        return new UsageRecord(
                row.getObject("id", UUID.class),
                row.getObject("order_id", UUID.class),
                row.getString("description"),
                row.getObject("usage_date", java.time.LocalDate.class),
                row.getLong("quantity"),
                row.getString("unit"),
                Money.of(row.getLong("unit_price"), currency),
                Money.of(row.getLong("amount"), currency),
                billingEventId != null,
                billingEventId,
                row.getTimestamp("recorded_at").toInstant());
    }
}

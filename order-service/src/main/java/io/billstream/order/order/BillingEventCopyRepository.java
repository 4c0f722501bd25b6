package io.billstream.order.order;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The copies of an order's billing events; read and written only while the order row is locked. */
@Repository
class BillingEventCopyRepository {

    private final JdbcClient jdbc;

    BillingEventCopyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<BillingEventCopy> of(UUID orderId) {
        return jdbc.sql("""
                        SELECT billing_event_id, amount, status, retries_exhausted
                        FROM order_billing_event WHERE order_id = :orderId""")
                .param("orderId", orderId)
                .query((row, number) -> new BillingEventCopy(
                        row.getObject("billing_event_id", UUID.class),
                        row.getLong("amount"),
                        BillingEventCopy.Status.valueOf(row.getString("status")),
                        row.getBoolean("retries_exhausted")))
                .list();
    }

    Optional<BillingEventCopy> find(UUID orderId, UUID billingEventId) {
        return of(orderId).stream()
                .filter(copy -> copy.id().equals(billingEventId))
                .findFirst();
    }

    void save(UUID orderId, BillingEventCopy copy) {
        jdbc.sql("""
                        INSERT INTO order_billing_event (order_id, billing_event_id, amount, status, retries_exhausted)
                        VALUES (:orderId, :id, :amount, :status, :exhausted)
                        ON CONFLICT (order_id, billing_event_id) DO UPDATE
                        SET amount = :amount, status = :status, retries_exhausted = :exhausted""")
                .param("orderId", orderId)
                .param("id", copy.id())
                .param("amount", copy.amount())
                .param("status", copy.status().name())
                .param("exhausted", copy.retriesExhausted())
                .update();
    }
}

package io.billstream.billing.billingevent;

import io.billstream.events.EventJson;
import io.billstream.events.Money;
import io.billstream.events.order.FirstAction;
import io.billstream.events.order.OrderCreated;
import io.billstream.events.order.OrderStatus;
import io.billstream.events.order.PaymentPlan;
import io.billstream.events.order.PurchaseType;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Order copies; reads for the merchant's API are scoped by merchant, so another merchant's order is not found. */
@Repository
class OrderCopyRepository {

    private final JdbcClient jdbc;

    OrderCopyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID merchantId, OrderCreated order, long sequence) {
        jdbc.sql("""
                        INSERT INTO order_copy (id, merchant_id, customer_id, purchase_type, currency, total_amount, plan,
                                                first_action, status, orders_sequence, created_at)
                        VALUES (:id, :merchantId, :customerId, :type, :currency, :total, CAST(:plan AS jsonb),
                                :firstAction, :status, :sequence, :createdAt)""")
                .param("id", order.orderId())
                .param("merchantId", merchantId)
                .param("customerId", order.customerId())
                .param("type", order.purchaseType().name())
                .param("currency", order.total().currency().getCurrencyCode())
                .param("total", order.total().amount())
                .param("plan", new String(EventJson.write(order.plan()), StandardCharsets.UTF_8))
                .param("firstAction", order.firstAction().name())
                .param("status", OrderStatus.DRAFT.name())
                .param("sequence", sequence)
                .param("createdAt", Timestamp.from(order.createdAt()))
                .update();
    }

    /** The sequence of the order's last event applied, locking the copy until the transaction ends; 0 before any. */
    long lockSequence(UUID orderId) {
        return jdbc.sql("SELECT orders_sequence FROM order_copy WHERE id = :id FOR UPDATE")
                .param("id", orderId)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    /** The sequence of the order's last event applied, without a lock; 0 before any. */
    long sequenceOf(UUID orderId) {
        return jdbc.sql("SELECT orders_sequence FROM order_copy WHERE id = :id")
                .param("id", orderId)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    void applied(UUID orderId, long sequence, OrderStatus status) {
        jdbc.sql("UPDATE order_copy SET orders_sequence = :sequence, status = :status WHERE id = :id")
                .param("id", orderId)
                .param("sequence", sequence)
                .param("status", status.name())
                .update();
    }

    void assignCard(UUID orderId, UUID cardId) {
        jdbc.sql("UPDATE order_copy SET card_id = :cardId WHERE id = :id")
                .param("id", orderId)
                .param("cardId", cardId)
                .update();
    }

    /** The order's card was replaced at {@code at}: the billing run collects its arrears on the new card. */
    void recoverFrom(UUID orderId, Instant at) {
        jdbc.sql("UPDATE order_copy SET recovery_from = :at WHERE id = :id")
                .param("id", orderId)
                .param("at", Timestamp.from(at))
                .update();
    }

    void cyclesFrom(UUID orderId, Instant cycleOne) {
        jdbc.sql("UPDATE order_copy SET cycles_from = :at WHERE id = :id")
                .param("id", orderId)
                .param("at", Timestamp.from(cycleOne))
                .update();
    }

    Optional<OrderCopy> find(UUID merchantId, UUID orderId) {
        return jdbc.sql("""
                        SELECT id, merchant_id, customer_id, purchase_type, currency, total_amount, plan::text AS plan,
                               first_action, status, cycles_from, card_id
                        FROM order_copy WHERE merchant_id = :merchantId AND id = :id""")
                .param("merchantId", merchantId)
                .param("id", orderId)
                .query(OrderCopyRepository::copy)
                .optional();
    }

    private static OrderCopy copy(ResultSet row, int number) throws SQLException {
        return new OrderCopy(
                row.getObject("id", UUID.class),
                row.getObject("merchant_id", UUID.class),
                row.getObject("customer_id", UUID.class),
                PurchaseType.valueOf(row.getString("purchase_type")),
                Money.of(row.getLong("total_amount"), row.getString("currency")),
                EventJson.read(row.getString("plan").getBytes(StandardCharsets.UTF_8), PaymentPlan.class),
                FirstAction.valueOf(row.getString("first_action")),
                OrderStatus.valueOf(row.getString("status")),
                row.getTimestamp("cycles_from") == null
                        ? null
                        : row.getTimestamp("cycles_from").toInstant(),
                row.getObject("card_id", UUID.class));
    }
}

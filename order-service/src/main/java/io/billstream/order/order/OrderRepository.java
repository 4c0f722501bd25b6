package io.billstream.order.order;

import io.billstream.events.Actor;
import io.billstream.events.EventJson;
import io.billstream.events.Money;
import io.billstream.events.order.FirstAction;
import io.billstream.events.order.OrderLine;
import io.billstream.events.order.OrderStatus;
import io.billstream.events.order.PaymentChannel;
import io.billstream.events.order.PaymentPlan;
import io.billstream.events.order.PurchaseType;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every query is scoped by merchant: another merchant's order is simply not found. */
@Repository
class OrderRepository {

    private static final String COLUMNS = "id, customer_id, reference, purchase_type, currency, total_amount,"
            + " lines::text AS lines, plan::text AS plan, first_action, channel, status, created_at, updated_at,"
            + " paid_amount, refunded_amount, credited_amount, skipped_amount";

    private final JdbcClient jdbc;

    OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID merchantId, Order order) {
        jdbc.sql("""
                        INSERT INTO orders (id, merchant_id, customer_id, reference, purchase_type, currency,
                                            total_amount, lines, plan, first_action, channel, status, created_at,
                                            updated_at)
                        VALUES (:id, :merchantId, :customerId, :reference, :type, :currency, :total,
                                CAST(:lines AS jsonb), CAST(:plan AS jsonb), :firstAction, :channel, :status,
                                :createdAt, :createdAt)""")
                .param("id", order.id())
                .param("merchantId", merchantId)
                .param("customerId", order.customerId())
                .param("reference", order.reference())
                .param("type", order.purchaseType().name())
                .param("currency", order.total().currency().getCurrencyCode())
                .param("total", order.total().amount())
                .param("lines", json(order.lines()))
                .param("plan", json(order.plan()))
                .param("firstAction", order.firstAction().name())
                .param("channel", order.channel().name())
                .param("status", order.status().name())
                .param("createdAt", Timestamp.from(order.createdAt()))
                .update();
    }

    void record(UUID orderId, TimelineEntry entry) {
        jdbc.sql("""
                        INSERT INTO order_timeline (order_id, at, from_status, to_status, transition, actor, reason)
                        VALUES (:orderId, :at, :from, :to, :transition, :actor, :reason)""")
                .param("orderId", orderId)
                .param("at", Timestamp.from(entry.at()))
                .param(
                        "from",
                        entry.fromStatus() == null ? null : entry.fromStatus().name())
                .param("to", entry.toStatus().name())
                .param("transition", entry.transition())
                .param("actor", entry.actor().name())
                .param("reason", entry.reason())
                .update();
    }

    boolean referenceTaken(UUID merchantId, String reference) {
        return jdbc.sql("SELECT count(*) FROM orders WHERE merchant_id = :merchantId AND reference = :reference")
                        .param("merchantId", merchantId)
                        .param("reference", reference)
                        .query(Long.class)
                        .single()
                > 0;
    }

    Optional<Order> find(UUID merchantId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM orders WHERE merchant_id = :merchantId AND id = :id")
                .param("merchantId", merchantId)
                .param("id", id)
                .query(OrderRepository::order)
                .optional();
    }

    /** The order, locked until the transaction ends, so that two transitions of one order run one after the other. */
    Optional<Order> findForUpdate(UUID merchantId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM orders WHERE merchant_id = :merchantId AND id = :id FOR UPDATE")
                .param("merchantId", merchantId)
                .param("id", id)
                .query(OrderRepository::order)
                .optional();
    }

    /**
     * Locks the order like {@link #findForUpdate} and returns the sequence of the last billing event of the order it
     * applied; empty when the merchant has no such order.
     */
    Optional<Long> lockBillingSequence(UUID merchantId, UUID id) {
        return jdbc.sql("SELECT billing_sequence FROM orders WHERE merchant_id = :merchantId AND id = :id FOR UPDATE")
                .param("merchantId", merchantId)
                .param("id", id)
                .query(Long.class)
                .optional();
    }

    /**
     * Records that the payment, refund or credit {@code id} is counted in the order's figures; false when it was
     * counted before, so that one published twice counts once.
     */
    boolean firstCount(UUID orderId, UUID id, String kind) {
        return jdbc.sql("""
                                INSERT INTO order_money_movement (id, order_id, kind) VALUES (:id, :orderId, :kind)
                                ON CONFLICT (order_id, id) DO NOTHING""")
                        .param("id", id)
                        .param("orderId", orderId)
                        .param("kind", kind)
                        .update()
                == 1;
    }

    /** Stores the total and figures that billing event {@code sequence} of the order left. */
    void billingApplied(UUID id, long sequence, OrderAmounts amounts) {
        jdbc.sql("""
                        UPDATE orders SET billing_sequence = :sequence, total_amount = :total, paid_amount = :paid,
                                          refunded_amount = :refunded, credited_amount = :credited,
                                          skipped_amount = :skipped
                        WHERE id = :id""")
                .param("id", id)
                .param("sequence", sequence)
                .param("total", amounts.total())
                .param("paid", amounts.paid())
                .param("refunded", amounts.refunded())
                .param("credited", amounts.credited())
                .param("skipped", amounts.skipped())
                .update();
    }

    void updateStatus(UUID id, OrderStatus status, Instant now) {
        jdbc.sql("UPDATE orders SET status = :status, updated_at = :now WHERE id = :id")
                .param("id", id)
                .param("status", status.name())
                .param("now", Timestamp.from(now))
                .update();
    }

    List<TimelineEntry> timeline(UUID orderId) {
        return jdbc.sql("""
                        SELECT at, from_status, to_status, transition, actor, reason
                        FROM order_timeline WHERE order_id = :orderId ORDER BY id""")
                .param("orderId", orderId)
                .query((row, number) -> new TimelineEntry(
                        row.getTimestamp("at").toInstant(),
                        row.getString("from_status") == null ? null : OrderStatus.valueOf(row.getString("from_status")),
                        OrderStatus.valueOf(row.getString("to_status")),
                        row.getString("transition"),
                        Actor.valueOf(row.getString("actor")),
                        row.getString("reason")))
                .list();
    }

    /** Newest first; each filter optional. */
    List<Order> search(UUID merchantId, OrderSearch search, int page, int size) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM orders WHERE " + where(search)
                        + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                .params(parameters(merchantId, search))
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(OrderRepository::order)
                .list();
    }

    long count(UUID merchantId, OrderSearch search) {
        return jdbc.sql("SELECT count(*) FROM orders WHERE " + where(search))
                .params(parameters(merchantId, search))
                .query(Long.class)
                .single();
    }

    private static String where(OrderSearch search) {
        StringBuilder where = new StringBuilder("merchant_id = :merchantId");
        if (search.status() != null) {
            where.append(" AND status = :status");
        }
        if (search.customerId() != null) {
            where.append(" AND customer_id = :customerId");
        }
        if (search.reference() != null) {
            where.append(" AND reference = :reference");
        }
        if (search.purchaseType() != null) {
            where.append(" AND purchase_type = :type");
        }
        return where.toString();
    }

    private static Map<String, Object> parameters(UUID merchantId, OrderSearch search) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("merchantId", merchantId);
        parameters.put(
                "status", search.status() == null ? null : search.status().name());
        parameters.put("customerId", search.customerId());
        parameters.put("reference", search.reference());
        parameters.put(
                "type",
                search.purchaseType() == null ? null : search.purchaseType().name());
        return parameters;
    }

    private static String json(Object value) {
        return new String(EventJson.write(value), StandardCharsets.UTF_8);
    }

    private static Order order(ResultSet row, int number) throws SQLException {
        String currency = row.getString("currency");
        PurchaseType type = PurchaseType.valueOf(row.getString("purchase_type"));
        long total = row.getLong("total_amount");
        long paid = row.getLong("paid_amount");
        return new Order(
                row.getObject("id", UUID.class),
                row.getObject("customer_id", UUID.class),
                row.getString("reference"),
                type,
                Money.of(total, currency),
                new OrderFigures(
                        Money.of(paid, currency),
                        Money.of(row.getLong("refunded_amount"), currency),
                        Money.of(row.getLong("credited_amount"), currency),
                        Money.of(row.getLong("skipped_amount"), currency),
                        type == PurchaseType.INSTALMENT ? Money.of(Math.max(0, total - paid), currency) : null),
                Arrays.asList(
                        EventJson.read(row.getString("lines").getBytes(StandardCharsets.UTF_8), OrderLine[].class)),
                EventJson.read(row.getString("plan").getBytes(StandardCharsets.UTF_8), PaymentPlan.class),
                FirstAction.valueOf(row.getString("first_action")),
                PaymentChannel.valueOf(row.getString("channel")),
                OrderStatus.valueOf(row.getString("status")),
                row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }
}

package io.billstream.portal.order;

import io.billstream.events.order.OrderStatus;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** portal-service's copy of the orders, fed by {@code OrderCreated} and {@code OrderStatusChanged}. */
@Component
public class OrderCopies {

    /** An order as the portal's pages see it. */
    public record OrderCopy(UUID orderId, UUID merchantId, UUID customerId, String reference, OrderStatus status) {

        /** Before the first approval the customer pays at the checkout; after it, the order portal shows the order. */
        public boolean awaitsFirstPayment() {
            return status == OrderStatus.DRAFT || status == OrderStatus.PENDING || status == OrderStatus.REJECTED;
        }
    }

    private final JdbcClient jdbc;

    OrderCopies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void created(UUID orderId, UUID merchantId, UUID customerId, String reference, long sequence) {
        jdbc.sql("""
                        INSERT INTO order_copy (order_id, merchant_id, customer_id, reference, status, sequence)
                        VALUES (:order, :merchant, :customer, :reference, 'DRAFT', :sequence)
                        ON CONFLICT (order_id) DO NOTHING
                        """)
                .param("order", orderId)
                .param("merchant", merchantId)
                .param("customer", customerId)
                .param("reference", reference)
                .param("sequence", sequence)
                .update();
    }

    void statusChanged(UUID orderId, OrderStatus status, long sequence) {
        jdbc.sql("""
                        UPDATE order_copy SET status = :status, sequence = :sequence
                         WHERE order_id = :order AND sequence < :sequence
                        """)
                .param("status", status.name())
                .param("sequence", sequence)
                .param("order", orderId)
                .update();
    }

    /** The customer's order, or empty when it is not this customer's (or not known here yet). */
    public Optional<OrderCopy> ofCustomer(UUID merchantId, UUID customerId, UUID orderId) {
        return jdbc.sql("""
                        SELECT order_id, merchant_id, customer_id, reference, status FROM order_copy
                         WHERE order_id = :order AND merchant_id = :merchant AND customer_id = :customer
                        """)
                .param("order", orderId)
                .param("merchant", merchantId)
                .param("customer", customerId)
                .query((rs, n) -> new OrderCopy(
                        rs.getObject("order_id", UUID.class),
                        rs.getObject("merchant_id", UUID.class),
                        rs.getObject("customer_id", UUID.class),
                        rs.getString("reference"),
                        OrderStatus.valueOf(rs.getString("status"))))
                .optional();
    }
}

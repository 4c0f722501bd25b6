package io.billstream.document.copy;

import io.billstream.events.EventJson;
import io.billstream.events.Money;
import io.billstream.events.billing.BillingEventMerged;
import io.billstream.events.billing.BillingEventRescheduled;
import io.billstream.events.billing.BillingEventScheduled;
import io.billstream.events.billing.PaymentApproved;
import io.billstream.events.billing.PaymentDeclined;
import io.billstream.events.billing.RefundIssued;
import io.billstream.events.order.OrderCreated;
import io.billstream.platform.inbox.NotKnownYet;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What document-service keeps of each order: how it was created (type, lines, plan, currency), its schedule and its
 * payments and refunds, as order-service and billing-service published them. Each event of an order comes once and in
 * order on its topic.
 */
@Service
public class OrderCopies {

    private final JdbcClient jdbc;

    OrderCopies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Order(UUID merchantId, UUID customerId, OrderCreated created) {}

    /** A billing event of the order's schedule; {@code status} SCHEDULED, COMPLETED, DECLINED, SKIPPED or MERGED. */
    public record ScheduledPayment(UUID id, Integer number, Instant scheduledAt, Money amount, String status) {}

    /** A payment or refund of the order; {@code outcome} APPROVED, DECLINED or REFUNDED. */
    public record PaymentRecord(UUID id, String outcome, Money amount, String code, Instant at) {}

    public void created(UUID merchantId, OrderCreated event) {
        jdbc.sql("""
                        INSERT INTO order_copy (id, merchant_id, customer_id, created)
                        VALUES (:id, :merchantId, :customerId, CAST(:created AS jsonb)) ON CONFLICT (id) DO NOTHING""")
                .param("id", event.orderId())
                .param("merchantId", merchantId)
                .param("customerId", event.customerId())
                .param("created", new String(EventJson.write(event), StandardCharsets.UTF_8))
                .update();
    }

    /** The merchant's order, or a {@link NotKnownYet} to retry the event that needs it once it is here. */
    public Order of(UUID merchantId, UUID orderId) {
        return find(merchantId, orderId).orElseThrow(() -> new NotKnownYet("order " + orderId));
    }

    public Optional<Order> find(UUID merchantId, UUID orderId) {
        return jdbc.sql("SELECT customer_id, created FROM order_copy WHERE id = :id AND merchant_id = :merchantId")
                .param("id", orderId)
                .param("merchantId", merchantId)
                .query((row, number) -> new Order(
                        merchantId,
                        row.getObject("customer_id", UUID.class),
                        EventJson.read(row.getBytes("created"), OrderCreated.class)))
                .optional();
    }

    public void scheduled(BillingEventScheduled event) {
        jdbc.sql("""
                        INSERT INTO billing_event_copy (id, order_id, number, amount, currency, scheduled_at, status)
                        VALUES (:id, :orderId, :number, :amount, :currency, :at, 'SCHEDULED') ON CONFLICT (id) DO NOTHING""")
                .param("id", event.billingEventId())
                .param("orderId", event.orderId())
                .param("number", event.number())
                .param("amount", event.amount().amount())
                .param("currency", event.amount().currency().getCurrencyCode())
                .param("at", Timestamp.from(event.scheduledAt()))
                .update();
    }

    public void rescheduled(BillingEventRescheduled event) {
        jdbc.sql("UPDATE billing_event_copy SET scheduled_at = :at, amount = :amount WHERE id = :id")
                .param("id", event.billingEventId())
                .param("at", Timestamp.from(event.scheduledAt()))
                .param("amount", event.amount().amount())
                .update();
    }

    public void status(UUID billingEventId, String status) {
        jdbc.sql("UPDATE billing_event_copy SET status = :status WHERE id = :id")
                .param("id", billingEventId)
                .param("status", status)
                .update();
    }

    public void merged(BillingEventMerged event) {
        event.mergedBillingEventIds().forEach(id -> status(id, "MERGED"));
    }

    public void approved(PaymentApproved event) {
        payment(event.transactionId(), event.orderId(), "APPROVED", event.amount(), "00", event.approvedAt());
        if (event.billingEventId() != null) {
            status(event.billingEventId(), "COMPLETED");
        }
    }

    public void declined(PaymentDeclined event) {
        payment(event.transactionId(), event.orderId(), "DECLINED", event.amount(), event.code(), event.declinedAt());
        if (event.billingEventId() != null) {
            status(event.billingEventId(), "DECLINED");
        }
    }

    public void refunded(RefundIssued event) {
        payment(event.refundId(), event.orderId(), "REFUNDED", event.amount(), null, event.refundedAt());
    }

    /** The number of a billing event in its plan: the instalment or the cycle; empty for metered events. */
    public Optional<Integer> numberOf(UUID billingEventId) {
        return jdbc.sql("SELECT number FROM billing_event_copy WHERE id = :id")
                .param("id", billingEventId)
                .query((row, number) -> (Integer) row.getObject("number"))
                .optional()
                .filter(number -> number != null);
    }

    public List<ScheduledPayment> schedule(UUID orderId) {
        return jdbc.sql("""
                        SELECT id, number, scheduled_at, amount, currency, status FROM billing_event_copy
                        WHERE order_id = :id ORDER BY scheduled_at, number""")
                .param("id", orderId)
                .query((row, number) -> new ScheduledPayment(
                        row.getObject("id", UUID.class),
                        (Integer) row.getObject("number"),
                        row.getTimestamp("scheduled_at").toInstant(),
                        Money.of(row.getLong("amount"), row.getString("currency")),
                        row.getString("status")))
                .list();
    }

    public List<PaymentRecord> payments(UUID orderId) {
        return jdbc.sql("""
                        SELECT id, outcome, amount, currency, code, at FROM payment_copy
                        WHERE order_id = :id ORDER BY at, id""")
                .param("id", orderId)
                .query((row, number) -> new PaymentRecord(
                        row.getObject("id", UUID.class),
                        row.getString("outcome"),
                        Money.of(row.getLong("amount"), row.getString("currency")),
                        row.getString("code"),
                        row.getTimestamp("at").toInstant()))
                .list();
    }

    private void payment(UUID id, UUID orderId, String outcome, Money amount, String code, Instant at) {
        jdbc.sql("""
                        INSERT INTO payment_copy (id, order_id, outcome, amount, currency, code, at)
                        VALUES (:id, :orderId, :outcome, :amount, :currency, :code, :at) ON CONFLICT (id) DO NOTHING""")
                .param("id", id)
                .param("orderId", orderId)
                .param("outcome", outcome)
                .param("amount", amount.amount())
                .param("currency", amount.currency().getCurrencyCode())
                .param("code", code)
                .param("at", Timestamp.from(at))
                .update();
    }
}

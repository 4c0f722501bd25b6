package io.billstream.notification.message;

import io.billstream.events.Money;
import io.billstream.events.billing.PaymentCard;
import io.billstream.events.merchant.NotificationSettings;
import io.billstream.notification.recipient.Recipients;
import io.billstream.notification.recipient.Recipients.Parties;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The messages: written when their event arrives and queued for the {@link Dispatcher}, once per event, template and
 * channel however often the event comes; and the merchant's log of them.
 */
@Service
public class Notifications {

    private final JdbcClient jdbc;
    private final Recipients recipients;
    private final Templates templates;
    private final Clock clock;
    private final String portalUrl;

    Notifications(
            JdbcClient jdbc,
            Recipients recipients,
            Templates templates,
            Clock clock,
            @Value("${billstream.notifications.portal-url:http://localhost:8080/portal}") String portalUrl) {
        this.jdbc = jdbc;
        this.recipients = recipients;
        this.templates = templates;
        this.clock = clock;
        this.portalUrl = portalUrl;
    }

    /**
     * Writes an email about the merchant's order ({@code template}, such as {@code payment-approved}) to the order's
     * customer, with a link to the order in the customer portal, and queues it.
     */
    public void aboutOrder(
            UUID eventId,
            UUID merchantId,
            UUID orderId,
            String template,
            Money amount,
            Instant at,
            PaymentCard card,
            String detail) {
        Parties parties = recipients.ofOrder(merchantId, orderId);
        Templates.Written message = templates.write(
                template,
                parties.customer().locale(),
                parties.merchant(),
                parties.customer().name(),
                new Templates.Facts(amount, at, card, detail),
                portalUrl + "/orders/" + orderId,
                parties.orderReference() == null ? orderId.toString() : parties.orderReference());
        jdbc.sql("""
                        INSERT INTO notification (id, merchant_id, customer_id, order_id, event_id, template, channel,
                                                  recipient, language, subject, text_body, html_body, status, attempts,
                                                  next_attempt_at, created_at)
                        VALUES (:id, :merchantId, :customerId, :orderId, :eventId, :template, 'EMAIL', :recipient,
                                :language, :subject, :text, :html, 'QUEUED', 0, :now, :now)
                        ON CONFLICT (event_id, template, channel) DO NOTHING""")
                .param("id", UUID.randomUUID())
                .param("merchantId", merchantId)
                .param("customerId", parties.customerId())
                .param("orderId", orderId)
                .param("eventId", eventId)
                .param("template", template)
                .param("recipient", parties.customer().email())
                .param("language", message.language())
                .param("subject", message.subject())
                .param("text", message.text())
                .param("html", message.html())
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /** Whether the merchant wants its customers told of changes of this kind to their schedule. */
    public boolean merchantWants(UUID merchantId, UUID orderId, Predicate<NotificationSettings> wants) {
        return wants.test(recipients.ofOrder(merchantId, orderId).merchant().notifications());
    }

    /** A card's month of expiry as the order's customer's language writes it. */
    public String month(UUID merchantId, UUID orderId, LocalDate month) {
        return Templates.month(
                month, recipients.ofOrder(merchantId, orderId).customer().locale());
    }

    /** The merchant's messages, newest first, of an order and of a customer when given; at most 200. */
    public List<Notification> log(UUID merchantId, UUID orderId, UUID customerId) {
        return jdbc.sql("""
                        SELECT * FROM notification WHERE merchant_id = :merchantId
                          AND (CAST(:orderId AS uuid) IS NULL OR order_id = :orderId)
                          AND (CAST(:customerId AS uuid) IS NULL OR customer_id = :customerId)
                        ORDER BY created_at DESC LIMIT 200""")
                .param("merchantId", merchantId)
                .param("orderId", orderId)
                .param("customerId", customerId)
                .query(Notifications::notification)
                .list();
    }

    static Notification notification(ResultSet row, int number) throws SQLException {
        Timestamp sent = row.getTimestamp("sent_at");
        return new Notification(
                row.getObject("id", UUID.class),
                row.getObject("customer_id", UUID.class),
                row.getObject("order_id", UUID.class),
                row.getString("template"),
                row.getString("channel"),
                row.getString("recipient"),
                row.getString("language"),
                row.getString("subject"),
                row.getString("text_body"),
                row.getString("html_body"),
                row.getString("status"),
                row.getInt("attempts"),
                row.getString("last_error"),
                row.getTimestamp("created_at").toInstant(),
                sent == null ? null : sent.toInstant());
    }
}

package io.billstream.notification.message;

import io.billstream.events.Money;
import io.billstream.events.billing.PaymentCard;
import io.billstream.events.merchant.NotificationSettings;
import io.billstream.notification.recipient.Recipients;
import io.billstream.notification.recipient.Recipients.Parties;
import io.billstream.platform.web.InvalidRequest;
import io.billstream.platform.web.InvalidRequest.FieldError;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
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
     * Writes a message about the merchant's order ({@code template}, such as {@code payment-approved}) to the order's
     * customer, with a link to the order in the customer portal, and queues it: by email, and by SMS too where the
     * merchant sends SMS and the customer has a phone.
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
        queue(
                eventId,
                recipients.ofOrder(merchantId, orderId),
                orderId,
                template,
                new Templates.Facts(amount, at, card, detail),
                portalUrl + "/orders/" + orderId,
                null,
                null);
    }

    /**
     * Writes and queues a message carrying a secret that portal-service asked for, once per request id however often
     * it asks; the messages queued for it, one per channel. The secret is kept only until the message is sent or
     * given up, and never shown in the log. A message not sent by {@code expiresAt} is given up: its code or link
     * would no longer work.
     */
    public List<Notification> withSecret(
            UUID requestId,
            UUID merchantId,
            UUID customerId,
            UUID orderId,
            SecretMessage kind,
            String secret,
            Instant expiresAt) {
        Parties parties = orderId == null
                ? recipients.ofCustomer(merchantId, customerId)
                : recipients.ofOrder(merchantId, orderId);
        if (!parties.customerId().equals(customerId)) {
            throw new InvalidRequest(List.of(new FieldError("customerId", "is not the customer of order " + orderId)));
        }
        Templates.Facts facts = new Templates.Facts(
                null,
                expiresAt,
                null,
                kind.carriesLink() ? null : Templates.SECRET,
                Duration.between(clock.instant(), expiresAt));
        queue(
                requestId,
                parties,
                orderId,
                kind.template(),
                facts,
                kind.carriesLink() ? Templates.SECRET : null,
                secret,
                expiresAt);
        return jdbc.sql(
                        "SELECT * FROM notification WHERE event_id = :requestId AND merchant_id = :merchantId ORDER BY channel")
                .param("requestId", requestId)
                .param("merchantId", merchantId)
                .query(Notifications::notification)
                .list();
    }

    private void queue(
            UUID eventId,
            Parties parties,
            UUID orderId,
            String template,
            Templates.Facts facts,
            String link,
            String secret,
            Instant expiresAt) {
        Templates.Written message = templates.write(
                template,
                parties.customer().locale(),
                parties.merchant(),
                parties.customer().name(),
                facts,
                link,
                parties.orderReference() != null
                        ? parties.orderReference()
                        : orderId == null ? "" : orderId.toString());
        Message email = new Message(
                eventId, parties, orderId, template, "EMAIL", parties.customer().email(), message, secret, expiresAt);
        insert(email, message.text(), message.html());
        boolean bySms = message.sms() != null
                && parties.merchant().notifications() != null
                && parties.merchant().notifications().sms()
                && parties.customer().phone() != null;
        if (bySms) {
            insert(
                    new Message(
                            eventId,
                            parties,
                            orderId,
                            template,
                            "SMS",
                            parties.customer().phone(),
                            message,
                            secret,
                            expiresAt),
                    message.sms(),
                    null);
        }
    }

    /** One channel's message of a {@link Templates.Written} message. */
    private record Message(
            UUID eventId,
            Parties parties,
            UUID orderId,
            String template,
            String channel,
            String recipient,
            Templates.Written written,
            String secret,
            Instant expiresAt) {}

    private void insert(Message message, String text, String html) {
        jdbc.sql("""
                        INSERT INTO notification (id, merchant_id, customer_id, order_id, event_id, template, channel,
                                                  recipient, language, subject, text_body, html_body, secret,
                                                  expires_at, status, attempts, next_attempt_at, created_at)
                        VALUES (:id, :merchantId, :customerId, :orderId, :eventId, :template, :channel, :recipient,
                                :language, :subject, :text, :html, :secret, :expiresAt, 'QUEUED', 0, :now, :now)
                        ON CONFLICT (event_id, template, channel) DO NOTHING""")
                .param("id", UUID.randomUUID())
                .param("merchantId", message.parties().merchantId())
                .param("customerId", message.parties().customerId())
                .param("orderId", message.orderId())
                .param("eventId", message.eventId())
                .param("template", message.template())
                .param("channel", message.channel())
                .param("recipient", message.recipient())
                .param("language", message.written().language())
                .param("subject", message.written().subject())
                .param("text", text)
                .param("html", html)
                .param("secret", message.secret())
                .param("expiresAt", message.expiresAt() == null ? null : Timestamp.from(message.expiresAt()))
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
                hidden(row.getString("subject")),
                hidden(row.getString("text_body")),
                hidden(row.getString("html_body")),
                row.getString("status"),
                row.getInt("attempts"),
                row.getString("last_error"),
                row.getTimestamp("created_at").toInstant(),
                sent == null ? null : sent.toInstant());
    }

    /** What is stored, as the merchant may see it: without the secret of a message carrying one. */
    private static String hidden(String stored) {
        return stored == null ? null : stored.replace(Templates.SECRET, Templates.HIDDEN);
    }
}

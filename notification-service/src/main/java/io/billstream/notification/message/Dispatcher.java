package io.billstream.notification.message;

import io.billstream.events.notification.NotificationChannel;
import io.billstream.events.notification.NotificationFailed;
import io.billstream.events.notification.NotificationSent;
import io.billstream.notification.sms.SmsNotSent;
import io.billstream.notification.sms.SmsProvider;
import io.billstream.platform.outbox.EventPublisher;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.HtmlUtils;

/**
 * Sends the queued messages: emails over SMTP, SMS through the {@link SmsProvider}. A batch is claimed ({@code FOR UPDATE SKIP LOCKED}, so that instances share the
 * queue) and leased for a while; each message is sent, then recorded SENT with {@code NotificationSent}. While the
 * mail server is away a message is retried with back-off, doubling from {@code billstream.notifications.retry.first}
 * to {@code .longest}; after {@code .attempts} tries, or at once when the server refuses the address, it is FAILED
 * with {@code NotificationFailed}. A crash between sending and recording sends the message again once the lease runs
 * out: a message may, rarely, arrive twice; none is lost. A message carrying a secret is given up once it has expired,
 * and its secret is erased once it is sent or given up.
 */
@Service
class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final JdbcClient jdbc;
    private final JavaMailSender mail;
    private final SmsProvider sms;
    private final EventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final String from;
    private final Duration firstRetry;
    private final Duration longestRetry;
    private final int attempts;

    Dispatcher(
            JdbcClient jdbc,
            JavaMailSender mail,
            SmsProvider sms,
            EventPublisher events,
            PlatformTransactionManager transactions,
            Clock clock,
            @Value("${billstream.notifications.from:no-reply@billstream.local}") String from,
            @Value("${billstream.notifications.retry.first:30s}") Duration firstRetry,
            @Value("${billstream.notifications.retry.longest:30m}") Duration longestRetry,
            @Value("${billstream.notifications.retry.attempts:10}") int attempts) {
        this.jdbc = jdbc;
        this.mail = mail;
        this.sms = sms;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.from = from;
        this.firstRetry = firstRetry;
        this.longestRetry = longestRetry;
        this.attempts = attempts;
    }

    /** A claimed message with what sending it needs: the merchant's name and reply address. */
    private record Claimed(
            UUID id,
            UUID merchantId,
            UUID customerId,
            UUID orderId,
            String template,
            NotificationChannel channel,
            String recipient,
            String subject,
            String text,
            String html,
            int attempts,
            String secret,
            Instant expiresAt,
            String merchantName,
            String replyTo) {

        /** The stored content with the secret put in, escaped for HTML where it goes into HTML. */
        String revealed(String stored, boolean html) {
            if (secret == null || stored == null) {
                return stored;
            }
            return stored.replace(Templates.SECRET, html ? HtmlUtils.htmlEscape(secret) : secret);
        }
    }

    @Scheduled(
            fixedDelayString = "${billstream.notifications.dispatch-interval:1s}",
            initialDelayString = "${billstream.notifications.dispatch-initial-delay:1s}")
    void scheduled() {
        while (dispatch() > 0) {
            // the next batch, until none is due
        }
    }

    /** Sends one batch of due messages; how many were claimed. */
    int dispatch() {
        Instant now = clock.instant();
        List<Claimed> due = transaction.execute(status -> {
            List<Claimed> claimed = jdbc.sql("""
                            SELECT n.id, n.merchant_id, n.customer_id, n.order_id, n.template, n.channel, n.recipient,
                                   n.subject, n.text_body, n.html_body, n.attempts, n.secret, n.expires_at,
                                   m.settings -> 'company' ->> 'legalName' AS merchant_name,
                                   m.settings -> 'company' ->> 'email' AS reply_to
                            FROM notification n LEFT JOIN merchant_copy m ON m.id = n.merchant_id
                            WHERE n.status = 'QUEUED' AND n.next_attempt_at <= :now
                            ORDER BY n.next_attempt_at LIMIT 50 FOR UPDATE OF n SKIP LOCKED""")
                    .param("now", Timestamp.from(now))
                    .query((row, number) -> new Claimed(
                            row.getObject("id", UUID.class),
                            row.getObject("merchant_id", UUID.class),
                            row.getObject("customer_id", UUID.class),
                            row.getObject("order_id", UUID.class),
                            row.getString("template"),
                            NotificationChannel.valueOf(row.getString("channel")),
                            row.getString("recipient"),
                            row.getString("subject"),
                            row.getString("text_body"),
                            row.getString("html_body"),
                            row.getInt("attempts"),
                            row.getString("secret"),
                            expiry(row.getTimestamp("expires_at")),
                            row.getString("merchant_name"),
                            row.getString("reply_to")))
                    .list();
            claimed.forEach(message -> jdbc.sql("UPDATE notification SET next_attempt_at = :until WHERE id = :id")
                    .param("until", Timestamp.from(now.plus(LEASE)))
                    .param("id", message.id())
                    .update());
            return claimed;
        });
        for (Claimed message : due == null ? List.<Claimed>of() : due) {
            send(message);
        }
        return due == null ? 0 : due.size();
    }

    private void send(Claimed message) {
        int attempt = message.attempts() + 1;
        if (message.expiresAt() != null && !clock.instant().isBefore(message.expiresAt())) {
            transaction.executeWithoutResult(
                    status -> failed(message, message.attempts(), true, "expired before it could be sent"));
            return;
        }
        try {
            deliver(message);
        } catch (Undelivered failed) {
            boolean lastTry = failed.permanent || attempt >= attempts;
            log.warn(
                    "Notification not sent notificationId='{}' channel='{}' attempt='{}' final='{}' reason='{}'",
                    message.id(),
                    message.channel(),
                    attempt,
                    lastTry,
                    failed.getMessage());
            transaction.executeWithoutResult(status -> failed(message, attempt, lastTry, failed.getMessage()));
            return;
        }
        transaction.executeWithoutResult(status -> {
            Instant now = clock.instant();
            jdbc.sql("""
                            UPDATE notification SET status = 'SENT', attempts = :attempt, sent_at = :now,
                                                    next_attempt_at = NULL, secret = NULL
                            WHERE id = :id""")
                    .param("attempt", attempt)
                    .param("now", Timestamp.from(now))
                    .param("id", message.id())
                    .update();
            events.publish(
                    message.merchantId(),
                    new NotificationSent(
                            message.customerId(),
                            message.id(),
                            message.orderId(),
                            message.channel(),
                            message.template(),
                            attempt,
                            now));
        });
    }

    /** A message its channel did not take, for now or, when {@code permanent}, for good. */
    private static final class Undelivered extends Exception {

        private final boolean permanent;

        Undelivered(String reason, boolean permanent, Throwable cause) {
            super(reason, cause);
            this.permanent = permanent;
        }
    }

    private void deliver(Claimed message) throws Undelivered {
        switch (message.channel()) {
            case EMAIL -> {
                try {
                    mail.send(mime(message));
                } catch (MailException | MessagingException | UnsupportedEncodingException failed) {
                    throw new Undelivered(failed.toString(), refusedAddress(failed), failed);
                }
            }
            case SMS -> {
                try {
                    sms.send(new SmsProvider.Sms(
                            message.id(),
                            message.merchantId(),
                            message.recipient(),
                            message.merchantName(),
                            message.revealed(message.text(), false)));
                } catch (SmsNotSent failed) {
                    throw new Undelivered(failed.getMessage(), failed.permanent(), failed);
                }
            }
        }
    }

    private void failed(Claimed message, int attempt, boolean lastTry, String reason) {
        Instant now = clock.instant();
        Duration wait = firstRetry.multipliedBy(1L << Math.min(attempt - 1, 20));
        jdbc.sql("""
                        UPDATE notification SET status = :status, attempts = :attempt, last_error = :reason,
                                                next_attempt_at = :next,
                                                secret = CASE WHEN :lastTry THEN NULL ELSE secret END
                        WHERE id = :id""")
                .param("status", lastTry ? "FAILED" : "QUEUED")
                .param("lastTry", lastTry)
                .param("attempt", attempt)
                .param("reason", reason)
                .param(
                        "next",
                        lastTry
                                ? null
                                : Timestamp.from(now.plus(wait.compareTo(longestRetry) > 0 ? longestRetry : wait)))
                .param("id", message.id())
                .update();
        if (lastTry) {
            events.publish(
                    message.merchantId(),
                    new NotificationFailed(
                            message.customerId(),
                            message.id(),
                            message.orderId(),
                            message.channel(),
                            message.template(),
                            attempt,
                            reason == null ? "unknown" : reason,
                            now));
        }
    }

    private MimeMessage mime(Claimed message) throws MessagingException, UnsupportedEncodingException {
        MimeMessage mime = mail.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(mime, true, "UTF-8");
        helper.setFrom(from, message.merchantName());
        if (message.replyTo() != null) {
            helper.setReplyTo(message.replyTo());
        }
        helper.setTo(message.recipient());
        helper.setSubject(message.revealed(message.subject(), false));
        helper.setText(message.revealed(message.text(), false), message.revealed(message.html(), true));
        return mime;
    }

    private static Instant expiry(Timestamp expiresAt) {
        return expiresAt == null ? null : expiresAt.toInstant();
    }

    /** The server refused the recipient itself: trying again cannot help. */
    private static boolean refusedAddress(Exception failed) {
        if (!(failed instanceof MailSendException send)) {
            return false;
        }
        return send.getFailedMessages().values().stream()
                .anyMatch(cause -> cause instanceof SendFailedException refused
                        && refused.getInvalidAddresses() != null
                        && refused.getInvalidAddresses().length > 0);
    }
}

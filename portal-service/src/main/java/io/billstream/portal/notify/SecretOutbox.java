package io.billstream.portal.notify;

import io.billstream.portal.notify.SecretMessages.Message;
import io.billstream.portal.notify.SecretMessages.Outcome;
import io.billstream.portal.token.ServerKeys;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The messages carrying a secret, queued in the transaction that made the secret and handed to notification-service
 * apart from it: the request that made a code answers without waiting for the send (and alike whether there was a
 * customer to send to), and a send that fails is retried with back-off until the secret expires. The secret waits
 * sealed in its row and is erased once notification-service has it. Rows are claimed with {@code SKIP LOCKED}, so two
 * instances never send one twice; and notification-service queues one message per id, so a send whose answer was
 * lost is harmless to repeat.
 */
@Component
public class SecretOutbox {

    private static final int BATCH = 50;
    private static final Duration LONGEST_BACK_OFF = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ServerKeys keys;
    private final SecretMessages messages;
    private final TransactionTemplate transaction;

    SecretOutbox(
            JdbcClient jdbc, Clock clock, ServerKeys keys, SecretMessages messages, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.keys = keys;
        this.messages = messages;
        this.transaction = transaction;
    }

    /** What to send: a code ({@code link} false) or a link, valid until {@code expiresAt}. */
    public record Secret(String value, boolean link, Instant expiresAt) {}

    /** Queues the message in the caller's transaction; {@code id} is its request id at notification-service. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void queue(
            UUID id, String template, UUID merchantId, UUID customerId, @Nullable UUID orderId, Secret secret) {
        Instant now = clock.instant();
        jdbc.sql("""
                        INSERT INTO secret_message (id, template, merchant_id, customer_id, order_id, carries_link,
                                                    sealed_secret, expires_at, state, next_attempt_at, created_at)
                        VALUES (:id, :template, :merchant, :customer, :order, :link, :sealed, :expires, 'PENDING',
                                :now, :now)
                        """)
                .param("id", id)
                .param("template", template)
                .param("merchant", merchantId)
                .param("customer", customerId)
                .param("order", orderId)
                .param("link", secret.link())
                .param("sealed", keys.seal(secret.value(), sealContext(id)))
                .param("expires", Timestamp.from(secret.expiresAt()))
                .param("now", Timestamp.from(now))
                .update();
    }

    @Scheduled(fixedDelayString = "${billstream.portal.secret-messages.send-interval:500ms}")
    void sendPending() {
        while (Boolean.TRUE.equals(transaction.execute(status -> sendBatch()))) {
            // A full batch: there may be more.
        }
    }

    /** Sends one batch of due messages; true when the batch was full. */
    private boolean sendBatch() {
        Instant now = clock.instant();
        List<Pending> due = jdbc.sql("""
                        SELECT id, template, merchant_id, customer_id, order_id, carries_link, sealed_secret,
                               expires_at, attempts
                          FROM secret_message
                         WHERE state = 'PENDING' AND next_attempt_at <= :now
                         ORDER BY next_attempt_at
                         LIMIT :batch
                           FOR UPDATE SKIP LOCKED
                        """)
                .param("now", Timestamp.from(now))
                .param("batch", BATCH)
                .query((rs, n) -> new Pending(
                        rs.getObject("id", UUID.class),
                        rs.getString("template"),
                        rs.getObject("merchant_id", UUID.class),
                        rs.getObject("customer_id", UUID.class),
                        rs.getObject("order_id", UUID.class),
                        rs.getBoolean("carries_link"),
                        rs.getBytes("sealed_secret"),
                        rs.getTimestamp("expires_at").toInstant(),
                        rs.getInt("attempts")))
                .list();
        for (Pending message : due) {
            send(message, now);
        }
        return due.size() == BATCH;
    }

    private void send(Pending message, Instant now) {
        if (!now.isBefore(message.expiresAt()) || message.sealed() == null) {
            finish(message.id(), "FAILED");
            return;
        }
        String secret = keys.open(message.sealed(), sealContext(message.id()));
        Outcome outcome = messages.send(new Message(
                message.id(),
                message.template(),
                message.merchantId(),
                message.customerId(),
                message.orderId(),
                message.link() ? null : secret,
                message.link() ? secret : null,
                message.expiresAt()));
        switch (outcome) {
            case ACCEPTED -> finish(message.id(), "SENT");
            case REFUSED -> finish(message.id(), "FAILED");
            case RETRY_LATER -> {
                Duration backOff = Duration.ofSeconds(1L << Math.min(message.attempts(), 5));
                jdbc.sql("UPDATE secret_message SET attempts = attempts + 1, next_attempt_at = :next WHERE id = :id")
                        .param(
                                "next",
                                Timestamp.from(
                                        now.plus(backOff.compareTo(LONGEST_BACK_OFF) < 0 ? backOff : LONGEST_BACK_OFF)))
                        .param("id", message.id())
                        .update();
            }
        }
    }

    private void finish(UUID id, String state) {
        jdbc.sql("""
                        UPDATE secret_message SET state = :state, sealed_secret = NULL, next_attempt_at = NULL,
                                                  attempts = attempts + 1
                         WHERE id = :id
                        """).param("state", state).param("id", id).update();
    }

    private static String sealContext(UUID id) {
        return "secret-message:" + id;
    }

    private record Pending(
            UUID id,
            String template,
            UUID merchantId,
            UUID customerId,
            @Nullable UUID orderId,
            boolean link,
            byte @Nullable [] sealed,
            Instant expiresAt,
            int attempts) {}
}

package io.billstream.portal.signin;

import io.billstream.portal.notify.SecretMessages;
import io.billstream.portal.notify.SecretMessages.Message;
import io.billstream.portal.notify.SecretMessages.Outcome;
import io.billstream.portal.token.ServerKeys;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands each new code to notification-service, apart from the request that made it, so that a known and an unknown
 * email cost the request the same. A code waits in its row, sealed, until notification-service has taken it; then the
 * sealed copy is erased. Retried with back-off while notification-service is away, given up when the code expires.
 * Rows are claimed with {@code SKIP LOCKED}, so two instances never send one code twice.
 */
@Component
class CodeSender {

    private static final int BATCH = 50;
    private static final Duration LONGEST_BACK_OFF = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ServerKeys keys;
    private final SecretMessages messages;
    private final TransactionTemplate transaction;

    CodeSender(
            JdbcClient jdbc, Clock clock, ServerKeys keys, SecretMessages messages, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.keys = keys;
        this.messages = messages;
        this.transaction = transaction;
    }

    @Scheduled(fixedDelayString = "${billstream.portal.sign-in.send-interval:500ms}")
    void sendPending() {
        while (Boolean.TRUE.equals(transaction.execute(status -> sendBatch()))) {
            // A full batch: there may be more.
        }
    }

    /** Sends one batch of due codes; true when the batch was full. */
    private boolean sendBatch() {
        Instant now = clock.instant();
        List<PendingCode> due = jdbc.sql("""
                        SELECT id, merchant_id, customer_id, sealed_code, expires_at, send_attempts
                          FROM sign_in_code
                         WHERE send_state = 'PENDING' AND next_send_at <= :now
                         ORDER BY next_send_at
                         LIMIT :batch
                           FOR UPDATE SKIP LOCKED
                        """)
                .param("now", Timestamp.from(now))
                .param("batch", BATCH)
                .query((rs, n) -> new PendingCode(
                        rs.getObject("id", UUID.class),
                        rs.getObject("merchant_id", UUID.class),
                        rs.getObject("customer_id", UUID.class),
                        rs.getBytes("sealed_code"),
                        rs.getTimestamp("expires_at").toInstant(),
                        rs.getInt("send_attempts")))
                .list();
        for (PendingCode code : due) {
            send(code, now);
        }
        return due.size() == BATCH;
    }

    private void send(PendingCode code, Instant now) {
        if (!now.isBefore(code.expiresAt()) || code.sealed() == null) {
            finish(code.id(), "FAILED");
            return;
        }
        Outcome outcome = messages.send(new Message(
                code.id(),
                "one-time-password",
                code.merchantId(),
                code.customerId(),
                null,
                keys.open(code.sealed(), SignInCodes.sealContext(code.id())),
                null,
                code.expiresAt()));
        switch (outcome) {
            case ACCEPTED -> finish(code.id(), "SENT");
            case REFUSED -> finish(code.id(), "FAILED");
            case RETRY_LATER -> {
                Duration backOff = Duration.ofSeconds(1L << Math.min(code.sendAttempts(), 5));
                jdbc.sql("""
                                UPDATE sign_in_code SET send_attempts = send_attempts + 1, next_send_at = :next
                                 WHERE id = :id
                                """)
                        .param("next", Timestamp.from(now.plus(min(backOff, LONGEST_BACK_OFF))))
                        .param("id", code.id())
                        .update();
            }
        }
    }

    private void finish(UUID id, String state) {
        jdbc.sql("""
                        UPDATE sign_in_code SET send_state = :state, sealed_code = NULL, next_send_at = NULL,
                                                send_attempts = send_attempts + 1
                         WHERE id = :id
                        """).param("state", state).param("id", id).update();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private record PendingCode(
            UUID id, UUID merchantId, UUID customerId, byte[] sealed, Instant expiresAt, int sendAttempts) {}
}

package io.billstream.portal.session;

import io.billstream.events.portal.PortalAction;
import io.billstream.events.portal.PortalActionPerformed;
import io.billstream.events.portal.SignInMethod;
import io.billstream.platform.outbox.EventPublisher;
import io.billstream.portal.token.Secrets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts, finds and ends portal sessions. A session is named by 256 random bits, handed to the browser as a cookie and
 * stored only as their SHA-256. Each sign-in and sign-out is published as {@link PortalActionPerformed}, in the same
 * transaction as the change, for the customer's timeline.
 */
@Service
public class Sessions {

    // last_seen_at is written at most this often: enough for an idle timeout of minutes, and a page view stays a read.
    private static final Duration TOUCH_PRECISION = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final EventPublisher events;
    private final SessionSettings settings;

    Sessions(JdbcClient jdbc, Clock clock, EventPublisher events, SessionSettings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
        this.settings = settings;
    }

    /** A session just started, with the cookie value that names it: the only time that value is seen. */
    public record Started(PortalSession session, String token) {}

    /**
     * Starts a session for the customer. The browser's earlier session, if it had one, ends here: whatever id the
     * browser held before sign-in (one an attacker may have planted) opens nothing afterwards.
     */
    @Transactional
    public Started start(
            UUID merchantId,
            UUID customerId,
            @Nullable UUID orderId,
            SignInMethod method,
            @Nullable String previousToken) {
        Instant now = clock.instant();
        if (previousToken != null) {
            end(previousToken, "REPLACED", now);
        }
        String token = Secrets.newToken();
        PortalSession session = new PortalSession(
                UUID.randomUUID(), merchantId, customerId, orderId, method, now, now.plus(settings.absoluteTimeout()));
        jdbc.sql("""
                        INSERT INTO portal_session (id, token_hash, merchant_id, customer_id, order_id, method,
                                                    created_at, last_seen_at, expires_at)
                        VALUES (:id, :hash, :merchant, :customer, :order, :method, :now, :now, :expires)
                        """)
                .param("id", session.id())
                .param("hash", Secrets.sha256(token))
                .param("merchant", merchantId)
                .param("customer", customerId)
                .param("order", orderId)
                .param("method", method.name())
                .param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(session.expiresAt()))
                .update();
        events.publish(
                merchantId,
                new PortalActionPerformed(customerId, session.id(), PortalAction.SIGNED_IN, method, orderId, now));
        return new Started(session, token);
    }

    /** The live session a cookie names, or empty when it is unknown, ended, idle too long or too old. */
    public Optional<PortalSession> find(String token) {
        Instant now = clock.instant();
        Optional<Row> found = jdbc.sql("""
                        SELECT id, merchant_id, customer_id, order_id, method, created_at, last_seen_at, expires_at
                          FROM portal_session
                         WHERE token_hash = :hash AND ended_at IS NULL
                        """)
                .param("hash", Secrets.sha256(token))
                .query((rs, n) -> new Row(
                        new PortalSession(
                                rs.getObject("id", UUID.class),
                                rs.getObject("merchant_id", UUID.class),
                                rs.getObject("customer_id", UUID.class),
                                rs.getObject("order_id", UUID.class),
                                SignInMethod.valueOf(rs.getString("method")),
                                rs.getTimestamp("created_at").toInstant(),
                                rs.getTimestamp("expires_at").toInstant()),
                        rs.getTimestamp("last_seen_at").toInstant()))
                .optional();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Row row = found.get();
        if (!now.isBefore(row.session().expiresAt())
                || !now.isBefore(row.lastSeenAt().plus(settings.idleTimeout()))) {
            return Optional.empty();
        }
        if (!now.isBefore(row.lastSeenAt().plus(TOUCH_PRECISION))) {
            jdbc.sql("UPDATE portal_session SET last_seen_at = :now WHERE id = :id AND last_seen_at < :now")
                    .param("now", Timestamp.from(now))
                    .param("id", row.session().id())
                    .update();
        }
        return Optional.of(row.session());
    }

    /** Ends the session the cookie names, if it is still live, and tells the customer's timeline. */
    @Transactional
    public void signOut(String token) {
        Instant now = clock.instant();
        find(token).ifPresent(session -> {
            end(token, "SIGNED_OUT", now);
            events.publish(
                    session.merchantId(),
                    new PortalActionPerformed(
                            session.customerId(), session.id(), PortalAction.SIGNED_OUT, null, session.orderId(), now));
        });
    }

    /** Ends every live session of the customer but {@code keep}, such as after a password change. */
    @Transactional
    public int endOthers(UUID customerId, UUID keep, String reason) {
        return jdbc.sql("""
                        UPDATE portal_session SET ended_at = :now, end_reason = :reason
                         WHERE customer_id = :customer AND id <> :keep AND ended_at IS NULL
                        """)
                .param("now", Timestamp.from(clock.instant()))
                .param("reason", reason)
                .param("customer", customerId)
                .param("keep", keep)
                .update();
    }

    private void end(String token, String reason, Instant now) {
        jdbc.sql("""
                        UPDATE portal_session SET ended_at = :now, end_reason = :reason
                         WHERE token_hash = :hash AND ended_at IS NULL
                        """)
                .param("now", Timestamp.from(now))
                .param("reason", reason)
                .param("hash", Secrets.sha256(token))
                .update();
    }

    private record Row(PortalSession session, Instant lastSeenAt) {}
}

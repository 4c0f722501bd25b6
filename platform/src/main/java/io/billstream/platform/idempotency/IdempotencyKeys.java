package io.billstream.platform.idempotency;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The stored keys. Each statement commits on its own: the claim must be visible to a concurrent retry at once, and
 * the stored response must survive whatever the request's own transaction did.
 */
class IdempotencyKeys {

    enum State {
        IN_PROGRESS,
        COMPLETED
    }

    record StoredKey(String fingerprint, State state, Instant lockedUntil, StoredResponse response) {}

    record StoredResponse(int status, String contentType, String location, byte[] body) {}

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration retention;
    private final Duration lease;

    IdempotencyKeys(JdbcClient jdbc, Clock clock, Duration retention, Duration lease) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
        this.lease = lease;
    }

    /**
     * Claims the key for a request with this fingerprint. Returns the claim token when this request may run, empty
     * when another request holds or completed the key. A key that expired, or an IN_PROGRESS claim of the same
     * request whose lease ran out (its request crashed), is taken over.
     */
    Optional<UUID> claim(String scope, String key, String fingerprint) {
        Instant now = clock.instant();
        UUID token = UUID.randomUUID();
        int claimed = jdbc.sql("""
                        INSERT INTO platform.idempotency_key
                            (scope, idempotency_key, request_fingerprint, state, claim_token, created_at, locked_until,
                             expires_at)
                        VALUES (:scope, :key, :fingerprint, 'IN_PROGRESS', :token, :now, :lockedUntil, :expiresAt)
                        ON CONFLICT (scope, idempotency_key) DO UPDATE
                            SET request_fingerprint = excluded.request_fingerprint, state = 'IN_PROGRESS',
                                claim_token = excluded.claim_token,
                                response_status = NULL, response_content_type = NULL, response_location = NULL,
                                response_body = NULL, created_at = excluded.created_at,
                                locked_until = excluded.locked_until, expires_at = excluded.expires_at
                            WHERE idempotency_key.expires_at <= :now
                               OR (idempotency_key.state = 'IN_PROGRESS' AND idempotency_key.locked_until <= :now
                                   AND idempotency_key.request_fingerprint = excluded.request_fingerprint)""")
                .param("scope", scope)
                .param("key", key)
                .param("fingerprint", fingerprint)
                .param("token", token)
                .param("now", Timestamp.from(now))
                .param("lockedUntil", Timestamp.from(now.plus(lease)))
                .param("expiresAt", Timestamp.from(now.plus(retention)))
                .update();
        return claimed == 1 ? Optional.of(token) : Optional.empty();
    }

    Optional<StoredKey> find(String scope, String key) {
        return jdbc.sql("""
                        SELECT request_fingerprint, state, locked_until, response_status, response_content_type,
                               response_location, response_body
                        FROM platform.idempotency_key WHERE scope = :scope AND idempotency_key = :key""")
                .param("scope", scope)
                .param("key", key)
                .query((rs, row) -> new StoredKey(
                        rs.getString("request_fingerprint"),
                        State.valueOf(rs.getString("state")),
                        rs.getTimestamp("locked_until").toInstant(),
                        rs.getObject("response_status") == null
                                ? null
                                : new StoredResponse(
                                        rs.getInt("response_status"),
                                        rs.getString("response_content_type"),
                                        rs.getString("response_location"),
                                        rs.getBytes("response_body"))))
                .optional();
    }

    /** Stores the response, unless another request took the claim over after this one's lease ran out. */
    void complete(String scope, String key, UUID token, StoredResponse response) {
        jdbc.sql("""
                        UPDATE platform.idempotency_key
                        SET state = 'COMPLETED', response_status = :status, response_content_type = :contentType,
                            response_location = :location, response_body = :body
                        WHERE scope = :scope AND idempotency_key = :key AND claim_token = :token""")
                .param("status", response.status())
                .param("contentType", response.contentType())
                .param("location", response.location())
                .param("body", response.body())
                .param("scope", scope)
                .param("key", key)
                .param("token", token)
                .update();
    }

    /** Gives the key up, unless another request took the claim over: its answer was not final, a retry runs afresh. */
    void release(String scope, String key, UUID token) {
        jdbc.sql("DELETE FROM platform.idempotency_key WHERE scope = :scope AND idempotency_key = :key"
                        + " AND claim_token = :token")
                .param("scope", scope)
                .param("key", key)
                .param("token", token)
                .update();
    }

    @Scheduled(fixedDelayString = "${billstream.idempotency.cleanup-interval:1h}")
    void deleteExpired() {
        jdbc.sql("DELETE FROM platform.idempotency_key WHERE expires_at <= :now")
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }
}

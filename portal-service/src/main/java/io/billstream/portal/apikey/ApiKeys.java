package io.billstream.portal.apikey;

import io.billstream.platform.web.ProblemException;
import io.billstream.portal.token.Secrets;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Merchants' API keys: {@code sk_test_} or {@code sk_live_} and 43 random characters of {@code [0-9A-Za-z]} (256
 * bits from a CSPRNG). The key is shown once; only its SHA-256 is stored, which is enough for a secret of that
 * entropy and lets an exchange find the key by its hash. A revoked key is refused from the moment it is revoked.
 */
@Service
public class ApiKeys {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int RANDOM_CHARACTERS = 43;
    private static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiKeys(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public enum Mode {
        TEST,
        LIVE;

        String prefix() {
            return "sk_" + name().toLowerCase(Locale.ROOT) + "_";
        }
    }

    /** A key just created: the only time its secret is seen. */
    public record Created(ApiKey key, String secret) {}

    /** What an exchanged key stands for. */
    public record KeyOwner(UUID keyId, UUID merchantId, Mode mode) {}

    @Transactional
    public Created create(UUID merchantId, Mode mode, String name, String createdBy) {
        if (!merchantKnown(merchantId)) {
            throw new MerchantNotFound(merchantId);
        }
        StringBuilder secret = new StringBuilder(mode.prefix());
        for (int i = 0; i < RANDOM_CHARACTERS; i++) {
            secret.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO api_key (id, merchant_id, mode, name, hint, secret_hash, created_at, created_by)
                        VALUES (:id, :merchantId, :mode, :name, :hint, :hash, :now, :createdBy)""")
                .param("id", id)
                .param("merchantId", merchantId)
                .param("mode", mode.name())
                .param("name", name)
                .param("hint", mode.prefix() + "…" + secret.substring(secret.length() - 4))
                .param("hash", Secrets.sha256(secret.toString()))
                .param("now", Timestamp.from(clock.instant()))
                .param("createdBy", createdBy)
                .update();
        return new Created(find(merchantId, id).orElseThrow(), secret.toString());
    }

    /** The merchant's keys, newest first, revoked ones included. */
    public List<ApiKey> of(UUID merchantId) {
        return jdbc.sql("SELECT * FROM api_key WHERE merchant_id = :merchantId ORDER BY created_at DESC")
                .param("merchantId", merchantId)
                .query(ApiKeys::apiKey)
                .list();
    }

    /** Revokes the merchant's key; revoking it again changes nothing. Another merchant's key is not found. */
    @Transactional
    public ApiKey revoke(UUID merchantId, UUID id) {
        jdbc.sql("""
                        UPDATE api_key SET revoked_at = :now
                        WHERE id = :id AND merchant_id = :merchantId AND revoked_at IS NULL""")
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .param("merchantId", merchantId)
                .update();
        return find(merchantId, id).orElseThrow(() -> new ApiKeyNotFound(id));
    }

    /** The merchant a presented key belongs to, if it is one of ours and not revoked. */
    public Optional<KeyOwner> owner(String presented) {
        if (java.util.Arrays.stream(Mode.values()).noneMatch(mode -> presented.startsWith(mode.prefix()))) {
            return Optional.empty();
        }
        Optional<KeyOwner> owner = jdbc.sql("""
                        SELECT id, merchant_id, mode FROM api_key WHERE secret_hash = :hash AND revoked_at IS NULL""")
                .param("hash", Secrets.sha256(presented))
                .query((row, number) -> new KeyOwner(
                        row.getObject("id", UUID.class),
                        row.getObject("merchant_id", UUID.class),
                        Mode.valueOf(row.getString("mode"))))
                .optional();
        // Recorded to the minute, so that a busy key is not a write on every exchange.
        owner.ifPresent(key -> jdbc.sql("""
                        UPDATE api_key SET last_used_at = :now
                        WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :precision)""")
                .param("now", Timestamp.from(clock.instant()))
                .param("precision", Timestamp.from(clock.instant().minus(LAST_USE_PRECISION)))
                .param("id", key.keyId())
                .update());
        return owner;
    }

    private Optional<ApiKey> find(UUID merchantId, UUID id) {
        return jdbc.sql("SELECT * FROM api_key WHERE id = :id AND merchant_id = :merchantId")
                .param("id", id)
                .param("merchantId", merchantId)
                .query(ApiKeys::apiKey)
                .optional();
    }

    private boolean merchantKnown(UUID merchantId) {
        return jdbc.sql("SELECT count(*) FROM merchant_copy WHERE id = :id")
                        .param("id", merchantId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private static ApiKey apiKey(ResultSet row, int number) throws SQLException {
        return new ApiKey(
                row.getObject("id", UUID.class),
                row.getString("mode"),
                row.getString("name"),
                row.getString("hint"),
                row.getTimestamp("created_at").toInstant(),
                row.getString("created_by"),
                instant(row.getTimestamp("revoked_at")),
                instant(row.getTimestamp("last_used_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static final class ApiKeyNotFound extends ProblemException {
        ApiKeyNotFound(UUID id) {
            super(HttpStatus.NOT_FOUND, "API key not found", "No API key " + id + ".");
        }
    }

    static final class MerchantNotFound extends ProblemException {
        MerchantNotFound(UUID id) {
            super(
                    HttpStatus.NOT_FOUND,
                    "Merchant not found",
                    "No merchant " + id + " (a merchant created a moment ago takes a few seconds to arrive).");
        }
    }
}

package io.billstream.portal.account;

import io.billstream.portal.token.Secrets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The single-use links emailed for an account: 256 random bits from a CSPRNG, stored as their SHA-256 only. A new link
 * of a purpose replaces the customer's unused earlier one.
 */
@Component
class AccountLinks {

    enum Purpose {
        INVITATION,
        EMAIL_CONFIRMATION,
        PASSWORD_RESET
    }

    /** Whose link it is. */
    record Owner(UUID merchantId, UUID customerId) {}

    /** A link just made: its id and the token the emailed URL carries, seen only now. */
    record Made(UUID id, String token, Instant expiresAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    AccountLinks(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Made make(Purpose purpose, UUID merchantId, UUID customerId, Duration validity) {
        Instant now = clock.instant();
        jdbc.sql("""
                        UPDATE account_link SET used_at = :now
                         WHERE customer_id = :customer AND purpose = :purpose AND used_at IS NULL
                        """)
                .param("now", Timestamp.from(now))
                .param("customer", customerId)
                .param("purpose", purpose.name())
                .update();
        String token = Secrets.newToken();
        UUID id = UUID.randomUUID();
        Instant expiresAt = now.plus(validity);
        jdbc.sql("""
                        INSERT INTO account_link (id, purpose, token_hash, merchant_id, customer_id, created_at,
                                                  expires_at)
                        VALUES (:id, :purpose, :hash, :merchant, :customer, :now, :expires)
                        """)
                .param("id", id)
                .param("purpose", purpose.name())
                .param("hash", Secrets.sha256(token))
                .param("merchant", merchantId)
                .param("customer", customerId)
                .param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(expiresAt))
                .update();
        return new Made(id, token, expiresAt);
    }

    /** The link's owner while it is unused and unexpired, without using it. */
    Optional<Owner> peek(Purpose purpose, UUID merchantId, String token) {
        return jdbc.sql("""
                        SELECT merchant_id, customer_id FROM account_link
                         WHERE token_hash = :hash AND purpose = :purpose AND merchant_id = :merchant
                           AND used_at IS NULL AND expires_at > :now
                        """)
                .param("hash", Secrets.sha256(token))
                .param("purpose", purpose.name())
                .param("merchant", merchantId)
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, n) ->
                        new Owner(rs.getObject("merchant_id", UUID.class), rs.getObject("customer_id", UUID.class)))
                .optional();
    }

    /** Uses the link: its owner the first time, empty ever after, once expired, or for another merchant's portal. */
    Optional<Owner> use(Purpose purpose, UUID merchantId, String token) {
        Instant now = clock.instant();
        return jdbc.sql("""
                        UPDATE account_link SET used_at = :now
                         WHERE token_hash = :hash AND purpose = :purpose AND merchant_id = :merchant
                           AND used_at IS NULL AND expires_at > :now
                        RETURNING merchant_id, customer_id
                        """)
                .param("hash", Secrets.sha256(token))
                .param("purpose", purpose.name())
                .param("merchant", merchantId)
                .param("now", Timestamp.from(now))
                .query((rs, n) ->
                        new Owner(rs.getObject("merchant_id", UUID.class), rs.getObject("customer_id", UUID.class)))
                .optional();
    }
}

package io.billstream.portal.signin;

import io.billstream.portal.directory.Directory;
import io.billstream.portal.notify.SecretOutbox;
import io.billstream.portal.token.ServerKeys;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Email one-time codes: six digits from a CSPRNG, kept as an HMAC, valid ten minutes, single use, dead after five
 * wrong tries, a new one no sooner than a minute after the last, and limited per email and per client address.
 *
 * <p>Nothing here depends on whether the email belongs to a customer: every request stores a code, the unknown
 * email's is never sent and never accepted, and the limits count requests. The answers are therefore the same, and so
 * is the work behind them (a row written; the sending happens later, from the {@link SecretOutbox}).
 */
@Service
public class SignInCodes {

    static final String PURPOSE = "sign-in-code";

    private static final Pattern SIX_DIGITS = Pattern.compile("[0-9]{6}");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Directory directory;
    private final ServerKeys keys;
    private final SignInSettings settings;
    private final SecretOutbox outbox;
    private final SecureRandom random = new SecureRandom();

    SignInCodes(
            JdbcClient jdbc,
            Clock clock,
            Directory directory,
            ServerKeys keys,
            SignInSettings settings,
            SecretOutbox outbox) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.directory = directory;
        this.keys = keys;
        this.settings = settings;
        this.outbox = outbox;
    }

    /** The answer to a request for a code; which of them it is says nothing about the email. */
    public sealed interface Answer {
        /** A code is on its way if the email is a customer's (made now, or still the one made moments ago). */
        record OnItsWay(Duration newCodeIn) implements Answer {}

        /** Too many codes were asked for this email or from this client; none is made. */
        record Limited(Duration retryAfter) implements Answer {}
    }

    @Transactional
    public Answer request(UUID merchantId, String email, String clientAddress) {
        String normalized = Directory.normalized(email);
        Instant now = clock.instant();
        // One request per email at a time, so that the counts below hold when two arrive together.
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", PURPOSE + ":" + merchantId + ":" + normalized)
                .query((rs, n) -> 1)
                .list();

        Optional<Instant> latest = jdbc.sql("""
                        SELECT created_at FROM sign_in_code WHERE merchant_id = :merchant AND email = :email
                         ORDER BY created_at DESC LIMIT 1
                        """)
                .param("merchant", merchantId)
                .param("email", normalized)
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .optional();
        if (latest.isPresent() && now.isBefore(latest.get().plus(settings.resendAfter()))) {
            return new Answer.OnItsWay(Duration.between(now, latest.get().plus(settings.resendAfter())));
        }

        Instant windowStart = now.minus(settings.limitWindow());
        Optional<Duration> limited = limit(
                        "merchant_id = :merchant AND email = :email",
                        settings.perEmail(),
                        merchantId,
                        normalized,
                        null,
                        windowStart,
                        now)
                .or(() -> limit(
                        "client_address = :client", settings.perClient(), null, null, clientAddress, windowStart, now));
        if (limited.isPresent()) {
            return new Answer.Limited(limited.get());
        }

        Optional<UUID> customer = directory.customerWithEmail(merchantId, normalized);
        UUID id = UUID.randomUUID();
        String code = "%06d".formatted(random.nextInt(1_000_000));
        Instant expiresAt = now.plus(settings.codeValidity());
        jdbc.sql("""
                        INSERT INTO sign_in_code (id, merchant_id, email, customer_id, code_mac, client_address,
                                                  created_at, expires_at)
                        VALUES (:id, :merchant, :email, :customer, :mac, :client, :now, :expires)
                        """)
                .param("id", id)
                .param("merchant", merchantId)
                .param("email", normalized)
                .param("customer", customer.orElse(null))
                .param("mac", keys.mac(PURPOSE, id + ":" + code))
                .param("client", clientAddress)
                .param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(expiresAt))
                .update();
        customer.ifPresent(customerId -> outbox.queue(
                id,
                "one-time-password",
                merchantId,
                customerId,
                null,
                new SecretOutbox.Secret(code, false, expiresAt)));
        return new Answer.OnItsWay(settings.resendAfter());
    }

    /**
     * The customer whose code this is, once: the email's latest code, unexpired, unused, with tries left. A wrong code
     * uses up a try; the fifth wrong one kills the code.
     */
    @Transactional
    public Optional<UUID> verify(UUID merchantId, String email, String code) {
        Instant now = clock.instant();
        Optional<LatestCode> found = jdbc.sql("""
                        SELECT id, customer_id, code_mac, expires_at, failed_attempts, used_at
                          FROM sign_in_code
                         WHERE merchant_id = :merchant AND email = :email
                         ORDER BY created_at DESC LIMIT 1
                           FOR UPDATE
                        """)
                .param("merchant", merchantId)
                .param("email", Directory.normalized(email))
                .query((rs, n) -> new LatestCode(
                        rs.getObject("id", UUID.class),
                        rs.getObject("customer_id", UUID.class),
                        rs.getBytes("code_mac"),
                        rs.getTimestamp("expires_at").toInstant(),
                        rs.getInt("failed_attempts"),
                        rs.getTimestamp("used_at") != null))
                .optional();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        LatestCode latest = found.get();
        if (latest.used()
                || !now.isBefore(latest.expiresAt())
                || latest.failedAttempts() >= settings.maxFailedAttempts()) {
            return Optional.empty();
        }
        String presented = code.strip();
        boolean matches = SIX_DIGITS.matcher(presented).matches()
                && keys.macMatches(PURPOSE, latest.id() + ":" + presented, latest.mac())
                && latest.customerId() != null;
        if (!matches) {
            jdbc.sql("UPDATE sign_in_code SET failed_attempts = failed_attempts + 1 WHERE id = :id")
                    .param("id", latest.id())
                    .update();
            return Optional.empty();
        }
        jdbc.sql("UPDATE sign_in_code SET used_at = :now WHERE id = :id")
                .param("now", Timestamp.from(now))
                .param("id", latest.id())
                .update();
        return Optional.of(latest.customerId());
    }

    /** How long until a request is allowed again, when {@code where} already counts {@code max} in the window. */
    private Optional<Duration> limit(
            String where,
            int max,
            UUID merchantId,
            String email,
            String clientAddress,
            Instant windowStart,
            Instant now) {
        return jdbc.sql("""
                        SELECT created_at FROM sign_in_code
                         WHERE %s AND created_at > :since
                         ORDER BY created_at DESC OFFSET :skip LIMIT 1
                        """.formatted(where))
                .param("merchant", merchantId)
                .param("email", email)
                .param("client", clientAddress)
                .param("since", Timestamp.from(windowStart))
                .param("skip", max - 1)
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                // The max-th newest request in the window leaves it first; until then the limit is reached.
                .optional()
                .map(oldestCounted -> Duration.between(now, oldestCounted.plus(settings.limitWindow())));
    }

    private record LatestCode(
            UUID id, UUID customerId, byte[] mac, Instant expiresAt, int failedAttempts, boolean used) {}
}

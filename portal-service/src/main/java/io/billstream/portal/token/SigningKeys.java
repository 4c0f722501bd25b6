package io.billstream.portal.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The keys that sign internal tokens (ES256, P-256), kept in PostgreSQL so that every instance signs with the same one,
 * and rotated without downtime:
 *
 * <ul>
 *   <li>a successor is created {@code publish-ahead} (15 min) before it starts signing, and published in the JWKS at
 *       once, so that services have it (their JWKS cache lasts 5 min) before any token it signs reaches them;
 *   <li>it starts signing once the current key has signed for {@code rotation-interval} (30 days);
 *   <li>the key it replaces stays published until every token it signed has expired, plus the clock skew services
 *       allow, then it is deleted.
 * </ul>
 *
 * {@link #rotateNow()} is the emergency rotation: the new key signs at once, and services fetch it on the first token
 * with a key id they do not know.
 */
@Service
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final long ROTATION_LOCK = 0x5349474e4b455953L;
    private static final Duration RELOAD_AFTER = Duration.ofSeconds(10);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final KeyEncryption encryption;
    private final Duration rotationInterval;
    private final Duration publishAhead;
    private final Duration retention;
    private final Map<String, ECKey> decrypted = new ConcurrentHashMap<>();
    private volatile Loaded loaded;

    SigningKeys(
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            Clock clock,
            @Value("${billstream.portal.signing.key-encryption-key}") String keyEncryptionKey,
            @Value("${billstream.portal.signing.rotation-interval:30d}") Duration rotationInterval,
            @Value("${billstream.portal.signing.publish-ahead:15m}") Duration publishAhead,
            TokenLifetimes lifetimes,
            @Value("${billstream.security.clock-skew:30s}") Duration clockSkew) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.encryption = new KeyEncryption(keyEncryptionKey);
        this.rotationInterval = rotationInterval;
        this.publishAhead = publishAhead;
        this.retention = lifetimes.longest().plus(clockSkew).plus(Duration.ofMinutes(1));
    }

    /** A stored key: its public half, and when it signs. */
    record StoredKey(String kid, ECKey publicKey, Instant signsFrom, Instant publishedUntil) {}

    private record Loaded(List<StoredKey> keys, Instant at) {}

    /** The key that signs now, with its private half: the newest whose time to sign has come. */
    ECKey signingKey() {
        Instant now = clock.instant();
        StoredKey current = current(keys(now), now);
        if (current == null) {
            maintain();
            current = current(keys(now), now);
        }
        StoredKey signing = current;
        return decrypted.computeIfAbsent(signing.kid(), kid -> withPrivateKey(signing));
    }

    /** The public keys services verify tokens with: the current one, its successor ahead of use, and any still needed. */
    public JWKSet published() {
        Instant now = clock.instant();
        return new JWKSet(keys(now).stream()
                .filter(key ->
                        key.publishedUntil() == null || key.publishedUntil().isAfter(now))
                .map(key -> (com.nimbusds.jose.jwk.JWK) key.publicKey())
                .toList());
    }

    /** The keys as stored, newest first. */
    public List<StoredKey> stored() {
        return load();
    }

    /** Creates the first key, or the current key's successor when its time is near; retires and deletes old keys. */
    @Scheduled(
            fixedDelayString = "${billstream.portal.signing.check-interval:1m}",
            initialDelayString = "${billstream.portal.signing.check-initial-delay:0s}")
    public void maintain() {
        transaction.executeWithoutResult(status -> {
            lock();
            Instant now = clock.instant();
            List<StoredKey> keys = load();
            StoredKey current = current(keys, now);
            boolean successorWaits =
                    keys.stream().anyMatch(key -> key.signsFrom().isAfter(now));
            if (current == null && !successorWaits) {
                create(now);
            } else if (current != null
                    && !successorWaits
                    && !now.isBefore(current.signsFrom().plus(rotationInterval).minus(publishAhead))) {
                create(now.plus(publishAhead));
            }
            retire(now);
        });
        loaded = null;
    }

    /** Emergency rotation, for a key that may have leaked: a new key signs from now on. */
    public void rotateNow() {
        transaction.executeWithoutResult(status -> {
            lock();
            Instant now = clock.instant();
            jdbc.sql("DELETE FROM signing_key WHERE signs_from > :now")
                    .param("now", Timestamp.from(now))
                    .update();
            create(now);
            retire(now);
        });
        loaded = null;
    }

    private void lock() {
        jdbc.sql("SELECT pg_advisory_xact_lock(:lock)")
                .param("lock", ROTATION_LOCK)
                .query((row, number) -> 1)
                .single();
    }

    private void create(Instant signsFrom) {
        String kid = UUID.randomUUID().toString();
        ECKey key;
        try {
            key = new ECKeyGenerator(Curve.P_256)
                    .keyID(kid)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a signing key", e);
        }
        byte[] privateKey;
        try {
            privateKey = key.toECPrivateKey().getEncoded();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot encode signing key " + kid, e);
        }
        jdbc.sql("""
                        INSERT INTO signing_key (kid, algorithm, public_jwk, private_key, created_at, signs_from)
                        VALUES (:kid, 'ES256', :jwk, :privateKey, :now, :signsFrom)""")
                .param("kid", kid)
                .param("jwk", key.toPublicJWK().toJSONString())
                .param("privateKey", encryption.encrypt(privateKey, kid))
                .param("now", Timestamp.from(clock.instant()))
                .param("signsFrom", Timestamp.from(signsFrom))
                .update();
        log.info("Signing key created kid='{}' signsFrom='{}'", kid, signsFrom);
    }

    /** A key whose successor signs stays published until its tokens have expired; then it is deleted. */
    private void retire(Instant now) {
        jdbc.sql("""
                        UPDATE signing_key k SET published_until = s.successor_from + make_interval(secs => :retention)
                        FROM (SELECT kid, lead(signs_from) OVER (ORDER BY signs_from) AS successor_from
                              FROM signing_key) s
                        WHERE k.kid = s.kid AND k.published_until IS NULL
                          AND s.successor_from IS NOT NULL AND s.successor_from <= :now""")
                .param("retention", retention.toSeconds())
                .param("now", Timestamp.from(now))
                .update();
        int deleted = jdbc.sql("DELETE FROM signing_key WHERE published_until <= :now")
                .param("now", Timestamp.from(now))
                .update();
        if (deleted > 0) {
            log.info("Signing keys deleted count='{}'", deleted);
        }
    }

    private List<StoredKey> keys(Instant now) {
        Loaded current = loaded;
        if (current == null
                || current.at().plus(RELOAD_AFTER).isBefore(now)
                || current.at().isAfter(now)) {
            current = new Loaded(load(), now);
            loaded = current;
        }
        return current.keys();
    }

    private static StoredKey current(List<StoredKey> keys, Instant now) {
        return keys.stream()
                .filter(key -> !key.signsFrom().isAfter(now))
                .max(Comparator.comparing(StoredKey::signsFrom))
                .orElse(null);
    }

    private List<StoredKey> load() {
        return jdbc.sql("SELECT kid, public_jwk, signs_from, published_until FROM signing_key ORDER BY signs_from DESC")
                .query((row, number) -> {
                    Timestamp until = row.getTimestamp("published_until");
                    try {
                        return new StoredKey(
                                row.getString("kid"),
                                ECKey.parse(row.getString("public_jwk")),
                                row.getTimestamp("signs_from").toInstant(),
                                until == null ? null : until.toInstant());
                    } catch (ParseException e) {
                        throw new IllegalStateException("signing key " + row.getString("kid") + " is not a JWK", e);
                    }
                })
                .list();
    }

    private ECKey withPrivateKey(StoredKey key) {
        byte[] stored = jdbc.sql("SELECT private_key FROM signing_key WHERE kid = :kid")
                .param("kid", key.kid())
                .query(byte[].class)
                .single();
        try {
            ECPrivateKey privateKey = (ECPrivateKey) KeyFactory.getInstance("EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(encryption.decrypt(stored, key.kid())));
            return new ECKey.Builder(key.publicKey()).privateKey(privateKey).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing key " + key.kid() + " cannot be read", e);
        }
    }
}

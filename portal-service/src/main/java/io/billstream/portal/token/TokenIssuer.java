package io.billstream.portal.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.billstream.platform.security.Callers;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Signs the platform's internal tokens: for a merchant (from an API key), a customer (from a portal session) or a
 * platform service. Each names the issuer, the audience every service checks, the caller claims of
 * {@link Callers}, a scope, and a short expiry.
 */
@Service
public class TokenIssuer {

    /** Merchant tokens: the back-office API. */
    public static final String MERCHANT_SCOPE = "merchant:api";

    /** Customer tokens: what a signed-in customer may do in the portal. */
    public static final String CUSTOMER_SCOPE = "customer:portal";

    /** Service tokens: one platform service calling another, or the platform operator. */
    public static final String SERVICE_SCOPE = "platform:service";

    private final SigningKeys keys;
    private final TokenLifetimes lifetimes;
    private final Clock clock;
    private final String issuer;
    private final String audience;

    TokenIssuer(
            SigningKeys keys,
            TokenLifetimes lifetimes,
            Clock clock,
            @Value("${billstream.security.issuer}") String issuer,
            @Value("${billstream.security.audience}") String audience) {
        this.keys = keys;
        this.lifetimes = lifetimes;
        this.clock = clock;
        this.issuer = issuer;
        this.audience = audience;
    }

    /** A token and when it expires. */
    public record IssuedToken(
            @Schema(example = "eyJraWQiOiI3ZjFjIiwidHlwIjoiSldUIiwiYWxnIjoiRVMyNTYifQ.eyJzdWIiOiJtZXJjaGFudCJ9.c2ln")
            String token,

            Instant expiresAt) {}

    public IssuedToken merchant(UUID merchantId) {
        return sign(
                new JWTClaimsSet.Builder()
                        .subject("merchant:" + merchantId)
                        .claim(Callers.CALLER_CLAIM, "merchant")
                        .claim(Callers.MERCHANT_CLAIM, merchantId.toString())
                        .claim("scope", MERCHANT_SCOPE),
                lifetimes.merchant());
    }

    public IssuedToken customer(UUID merchantId, UUID customerId) {
        return sign(
                new JWTClaimsSet.Builder()
                        .subject("customer:" + customerId)
                        .claim(Callers.CALLER_CLAIM, "customer")
                        .claim(Callers.MERCHANT_CLAIM, merchantId.toString())
                        .claim(Callers.CUSTOMER_CLAIM, customerId.toString())
                        .claim("scope", CUSTOMER_SCOPE),
                lifetimes.customer());
    }

    /** A token of the named service, such as {@code portal-service} or {@code platform-operator}. */
    public IssuedToken service(String name) {
        return sign(
                new JWTClaimsSet.Builder()
                        .subject(name)
                        .claim(Callers.CALLER_CLAIM, "service")
                        .claim("scope", SERVICE_SCOPE),
                lifetimes.service());
    }

    private IssuedToken sign(JWTClaimsSet.Builder claims, Duration lifetime) {
        ECKey key = keys.signingKey();
        // JWT times are whole seconds; the answer's expiresAt must be the token's own exp.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(lifetime);
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims.issuer(issuer)
                        .audience(audience)
                        .issueTime(Date.from(now))
                        .notBeforeTime(Date.from(now))
                        .expirationTime(Date.from(expiresAt))
                        .jwtID(UUID.randomUUID().toString())
                        .build());
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token with key " + key.getKeyID(), e);
        }
        return new IssuedToken(jwt.serialize(), expiresAt);
    }
}

package io.billstream.platform.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.billstream.events.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Internal tokens for tests, signed with a test key that a real JWKS endpoint on loopback publishes. Tests annotated
 * {@link RealInfrastructure} trust this issuer; they mint valid tokens for any caller, and invalid ones (expired,
 * another audience or issuer, an unknown key, a symmetric algorithm) to prove they are refused.
 */
public final class TestTokens {

    public static final String ISSUER = "https://auth.billstream.test";
    public static final String AUDIENCE = "billstream";

    private static final String TOKEN_PATH = "/internal/v1/tokens";
    private static final String CREDENTIAL_PREFIX = "test-service:";

    private static RSAKey signingKey;
    private static RSAKey foreignKey;
    private static String jwksUri;

    private TestTokens() {}

    public static synchronized String jwksUri() {
        if (jwksUri == null) {
            try {
                signingKey = new RSAKeyGenerator(2048)
                        .keyUse(KeyUse.SIGNATURE)
                        .keyID("test-key")
                        .generate();
                foreignKey = new RSAKeyGenerator(2048)
                        .keyUse(KeyUse.SIGNATURE)
                        .keyID("test-key")
                        .generate();
                byte[] jwks = new JWKSet(signingKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                server.createContext("/.well-known/jwks.json", exchange -> {
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, jwks.length);
                    exchange.getResponseBody().write(jwks);
                    exchange.close();
                });
                server.createContext(TOKEN_PATH, TestTokens::exchange);
                server.start();
                jwksUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return jwksUri;
    }

    /** portal-service's exchange of a service credential, as {@link #serviceCredential} makes them. */
    public static String tokenUri() {
        return jwksUri().replace("/.well-known/jwks.json", TOKEN_PATH);
    }

    /** The credential a service under test exchanges for a token of its own at {@link #tokenUri()}. */
    public static String serviceCredential(String service) {
        return CREDENTIAL_PREFIX + service;
    }

    private static void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode presented =
                    EventJson.mapper().readTree(exchange.getRequestBody().readAllBytes());
            String credential = presented.path("credential").asString("");
            if (!credential.startsWith(CREDENTIAL_PREFIX)) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            Instant expiresAt = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
            String token = builder()
                    .caller("service")
                    .subject(credential.substring(CREDENTIAL_PREFIX.length()))
                    .expiresAt(expiresAt)
                    .mint();
            byte[] body =
                    EventJson.mapper().writeValueAsBytes(Map.of("token", token, "expiresAt", expiresAt.toString()));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    public static String merchant(UUID merchantId) {
        return builder().caller("merchant").merchant(merchantId).mint();
    }

    public static String customer(UUID merchantId, UUID customerId) {
        return builder()
                .caller("customer")
                .merchant(merchantId)
                .customer(customerId)
                .mint();
    }

    public static String service(String name) {
        return builder().caller("service").subject(name).mint();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {

        private final JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("test")
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString());
        private Signing signing = Signing.TEST_KEY;
        private JWSAlgorithm algorithm = JWSAlgorithm.RS256;

        private enum Signing {
            TEST_KEY,
            FOREIGN_KEY,
            SHARED_SECRET
        }

        public Builder caller(String kind) {
            claims.claim("caller", kind);
            return this;
        }

        public Builder merchant(UUID merchantId) {
            claims.claim("merchant_id", merchantId.toString()).subject("merchant:" + merchantId);
            return this;
        }

        public Builder customer(UUID customerId) {
            claims.claim("customer_id", customerId.toString()).subject("customer:" + customerId);
            return this;
        }

        public Builder subject(String subject) {
            claims.subject(subject);
            return this;
        }

        public Builder issuer(String issuer) {
            claims.issuer(issuer);
            return this;
        }

        public Builder audience(String audience) {
            claims.audience(audience);
            return this;
        }

        public Builder issuedAt(Instant issued) {
            claims.issueTime(Date.from(issued));
            return this;
        }

        public Builder expiresAt(Instant expiry) {
            claims.expirationTime(expiry == null ? null : Date.from(expiry));
            return this;
        }

        /** Signed by a key the JWKS does not publish, under the same key id. */
        public Builder signedByAForeignKey() {
            signing = Signing.FOREIGN_KEY;
            return this;
        }

        /** Signed by the published key, but with another RSA algorithm than the allowed ones, such as RS512. */
        public Builder signedWith(JWSAlgorithm rsaAlgorithm) {
            algorithm = rsaAlgorithm;
            return this;
        }

        /** HS256 with a shared secret: an algorithm the services must not accept. */
        public Builder signedWithASharedSecret() {
            signing = Signing.SHARED_SECRET;
            return this;
        }

        public String mint() {
            jwksUri();
            try {
                SignedJWT jwt;
                if (signing == Signing.SHARED_SECRET) {
                    byte[] secret = new byte[32];
                    new SecureRandom().nextBytes(secret);
                    jwt = new SignedJWT(
                            new JWSHeader.Builder(JWSAlgorithm.HS256)
                                    .keyID("test-key")
                                    .build(),
                            claims.build());
                    jwt.sign(new MACSigner(secret));
                } else {
                    RSAKey key = signing == Signing.TEST_KEY ? signingKey : foreignKey;
                    jwt = new SignedJWT(
                            new JWSHeader.Builder(algorithm)
                                    .keyID(key.getKeyID())
                                    .build(),
                            claims.build());
                    jwt.sign(new RSASSASigner(key));
                }
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

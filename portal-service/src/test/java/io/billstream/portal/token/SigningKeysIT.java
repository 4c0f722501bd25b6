package io.billstream.portal.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSObject;
import io.billstream.platform.security.SecurityConfiguration;
import io.billstream.platform.test.ApiClient;
import io.billstream.platform.test.MovableClock;
import io.billstream.platform.test.RealInfrastructure;
import java.net.http.HttpResponse;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import tools.jackson.databind.JsonNode;

/**
 * portal-service as the token issuer, checked the way every service checks a token (the platform's decoder, fetching
 * this service's JWKS over HTTP): the tokens it signs are accepted with their claims and lifetimes; keys rotate with
 * the successor published ahead of use and the predecessor kept until its tokens expire; private keys are stored
 * encrypted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@Import(MovedTime.class)
class SigningKeysIT {

    @LocalServerPort
    int port;

    @Autowired
    TokenIssuer issuer;

    @Autowired
    SigningKeys keys;

    @Autowired
    Clock clock;

    @Autowired
    JdbcClient jdbc;

    @Value("${billstream.security.issuer}")
    String issuerName;

    JwtDecoder services;
    ApiClient api;

    @BeforeEach
    void aServiceCheckingTokens() {
        moved().reset();
        jdbc.sql("DELETE FROM signing_key").update();
        keys.maintain();
        api = new ApiClient(port);
        services = SecurityConfiguration.decoder(
                "http://localhost:" + port + "/.well-known/jwks.json",
                issuerName,
                "billstream",
                List.of("RS256", "ES256"),
                Duration.ofSeconds(30),
                clock);
    }

    @AfterEach
    void realTime() {
        moved().reset();
    }

    @Test
    void servicesAcceptItsTokensWithTheirCallerScopeAndLifetime() {
        UUID merchantId = UUID.randomUUID();
        UUID customerId = UUID.randomUUID();

        Jwt merchant = services.decode(issuer.merchant(merchantId).token());
        Jwt customer = services.decode(issuer.customer(merchantId, customerId).token());
        Jwt service = services.decode(issuer.service("portal-service").token());

        assertThat(merchant.getClaimAsString("caller")).isEqualTo("merchant");
        assertThat(merchant.getClaimAsString("merchant_id")).isEqualTo(merchantId.toString());
        assertThat(merchant.getClaimAsString("scope")).isEqualTo("merchant:api");
        assertThat(Duration.between(merchant.getIssuedAt(), merchant.getExpiresAt()))
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(customer.getClaimAsString("customer_id")).isEqualTo(customerId.toString());
        assertThat(customer.getClaimAsString("scope")).isEqualTo("customer:portal");
        assertThat(Duration.between(customer.getIssuedAt(), customer.getExpiresAt()))
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(service.getSubject()).isEqualTo("portal-service");
        assertThat(service.getAudience()).containsExactly("billstream");
        assertThat(service.getIssuer().toString()).isEqualTo(issuerName);
        assertThat(merchant.getHeaders()).containsEntry("alg", "ES256");
    }

    @Test
    void theJwksIsOpenAndHoldsPublicKeysOnly() throws Exception {
        HttpResponse<String> jwks = api.get("/.well-known/jwks.json", null);

        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(jwks.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/jwk-set+json"));
        assertThat(jwks.headers().firstValue("Cache-Control")).hasValue("max-age=300, public");
        JsonNode key = ApiClient.json(jwks).path("keys").get(0);
        assertThat(key.path("kty").asString()).isEqualTo("EC");
        assertThat(key.path("crv").asString()).isEqualTo("P-256");
        assertThat(key.has("d")).as("no private part").isFalse();
        assertThat(key.path("kid").asString())
                .isEqualTo(kidOf(issuer.service("x").token()));
    }

    @Test
    void keysRotateWithoutDowntime() throws Exception {
        String first = kidOf(issuer.service("x").token());

        // Fifteen minutes before the first key's 30 days are up, its successor is published but does not sign yet.
        moved().advance(Duration.ofDays(30).minusMinutes(15).plusSeconds(1));
        keys.maintain();
        assertThat(publishedKids()).hasSize(2).contains(first);
        String lastOfTheFirst = issuer.merchant(UUID.randomUUID()).token();
        assertThat(kidOf(lastOfTheFirst)).isEqualTo(first);

        // Its time come, the successor signs; a token the first key signed a moment ago is still accepted.
        moved().advance(Duration.ofMinutes(15).minusSeconds(10));
        String stillFirst = issuer.merchant(UUID.randomUUID()).token();
        moved().advance(Duration.ofSeconds(20));
        keys.maintain();
        String second = kidOf(issuer.merchant(UUID.randomUUID()).token());
        assertThat(second).isNotEqualTo(first);
        assertThat(publishedKids()).containsExactlyInAnyOrder(first, second);
        assertThat(services.decode(stillFirst).getHeaders()).containsEntry("kid", first);
        assertThat(services.decode(issuer.merchant(UUID.randomUUID()).token()).getHeaders())
                .containsEntry("kid", second);

        // Once every token of the first key has expired, it is gone.
        moved().advance(Duration.ofMinutes(7));
        keys.maintain();
        assertThat(publishedKids()).containsExactly(second);
        assertThatThrownBy(() -> services.decode(stillFirst)).isInstanceOf(JwtException.class);
    }

    @Test
    void anEmergencyRotationSignsAtOnceAndServicesFetchTheNewKey() throws Exception {
        String before = kidOf(issuer.service("x").token());
        services.decode(issuer.service("x").token());

        keys.rotateNow();

        String token = issuer.service("x").token();
        assertThat(kidOf(token)).isNotEqualTo(before);
        assertThat(services.decode(token).getSubject()).isEqualTo("x");
    }

    @Test
    void privateKeysAreStoredEncryptedAndBoundToTheirKeyId() {
        issuer.service("x");
        record Stored(String kid, String jwk, byte[] key) {}
        Stored stored = jdbc.sql("SELECT kid, public_jwk, private_key FROM signing_key LIMIT 1")
                .query((row, number) ->
                        new Stored(row.getString("kid"), row.getString("public_jwk"), row.getBytes("private_key")))
                .single();

        assertThat(stored.jwk()).doesNotContain("\"d\"");
        assertThatThrownBy(() -> KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(stored.key())))
                .as("not a readable private key as stored")
                .isInstanceOf(Exception.class);
        assertThat(new KeyEncryption("dGVzdC1rZXktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM=")
                        .decrypt(stored.key(), stored.kid()))
                .isNotEmpty();
        assertThatThrownBy(() -> new KeyEncryption("b3RoZXIta2V5LWVuY3J5cHRpb24ta2V5LTMyLWJ5dGU=")
                        .decrypt(stored.key(), stored.kid()))
                .hasMessageContaining("cannot be decrypted");
        assertThatThrownBy(() -> new KeyEncryption("dGVzdC1rZXktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM=")
                        .decrypt(stored.key(), "another-kid"))
                .hasMessageContaining("cannot be decrypted");
    }

    private List<String> publishedKids() throws Exception {
        List<String> kids = new ArrayList<>();
        ApiClient.json(api.get("/.well-known/jwks.json", null))
                .path("keys")
                .forEach(key -> kids.add(key.path("kid").asString()));
        return kids;
    }

    private static String kidOf(String token) throws ParseException {
        return JWSObject.parse(token).getHeader().getKeyID();
    }

    private MovableClock moved() {
        return (MovableClock) clock;
    }
}

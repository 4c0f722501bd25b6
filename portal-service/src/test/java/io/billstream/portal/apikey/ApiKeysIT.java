package io.billstream.portal.apikey;

import static io.billstream.platform.test.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billstream.events.EventSamples;
import io.billstream.events.merchant.MerchantSettingsChanged;
import io.billstream.platform.security.SecurityConfiguration;
import io.billstream.platform.test.ApiClient;
import io.billstream.platform.test.EventWriter;
import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.TestTokens;
import io.billstream.portal.token.Secrets;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import tools.jackson.databind.JsonNode;

/**
 * Merchants' API keys over HTTP on real PostgreSQL and Kafka: created and shown once, stored as a hash only, listed
 * without the key, exchanged for a merchant token that services accept, refused from the moment they are revoked; the
 * operator creates a merchant's first key and exchanges its own credential; other merchants see nothing of them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class ApiKeysIT {

    private static final String OPERATOR_CREDENTIAL = "op_test_operator-credential-of-the-tests";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Value("${billstream.security.issuer}")
    String issuer;

    ApiClient api;
    EventWriter orderService;
    UUID merchantId;
    JwtDecoder services;

    @BeforeEach
    void aMerchant() {
        api = new ApiClient(port);
        orderService = new EventWriter("order-service");
        merchantId = aKnownMerchant();
        services = SecurityConfiguration.decoder(
                "http://localhost:" + port + "/.well-known/jwks.json",
                issuer,
                "billstream",
                List.of("ES256"),
                Duration.ofSeconds(30),
                Clock.systemUTC());
    }

    @AfterEach
    void closeWriter() {
        orderService.close();
    }

    @Test
    void aKeyIsShownOnceStoredHashedAndExchangedForAMerchantToken() {
        HttpResponse<String> created = create(TestTokens.merchant(merchantId), "/api/v1/api-keys", "TEST");

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = json(created);
        String key = body.path("key").asString();
        assertThat(key).startsWith("sk_test_").hasSize("sk_test_".length() + 43).matches("sk_test_[0-9A-Za-z]{43}");
        assertThat(body.path("hint").asString()).isEqualTo("sk_test_…" + key.substring(key.length() - 4));
        assertThat(jdbc.sql("SELECT count(*) FROM api_key WHERE CAST(api_key AS text) LIKE :key")
                        .param("key", "%" + key.substring(8) + "%")
                        .query(Long.class)
                        .single())
                .as("the key itself is stored nowhere")
                .isZero();
        assertThat(HexFormat.of()
                        .formatHex(jdbc.sql("SELECT secret_hash FROM api_key WHERE merchant_id = :id")
                                .param("id", merchantId)
                                .query(byte[].class)
                                .single()))
                .isEqualTo(HexFormat.of().formatHex(Secrets.sha256(key)));

        HttpResponse<String> listed = api.get("/api/v1/api-keys", TestTokens.merchant(merchantId));
        assertThat(listed.body()).doesNotContain(key.substring(8)).contains("sk_test_…");
        assertThat(json(listed)).hasSize(1);

        HttpResponse<String> exchanged = exchange(key);
        assertThat(exchanged.statusCode()).isEqualTo(200);
        Jwt token = services.decode(json(exchanged).path("token").asString());
        assertThat(token.getClaimAsString("caller")).isEqualTo("merchant");
        assertThat(token.getClaimAsString("merchant_id")).isEqualTo(merchantId.toString());
        assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt())).isEqualTo(Duration.ofMinutes(1));
        assertThat(Instant.parse(json(exchanged).path("expiresAt").asString())).isEqualTo(token.getExpiresAt());
        assertThat(json(api.get("/api/v1/api-keys", TestTokens.merchant(merchantId)))
                        .get(0)
                        .path("lastUsedAt")
                        .isNull())
                .isFalse();
    }

    @Test
    void aRevokedKeyIsRefusedFromThatMomentAndRevokingAgainChangesNothing() {
        JsonNode created = json(create(TestTokens.merchant(merchantId), "/api/v1/api-keys", "LIVE"));
        String key = created.path("key").asString();
        assertThat(key).startsWith("sk_live_");
        assertThat(exchange(key).statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = api.post(
                "/api/v1/api-keys/" + created.path("id").asString() + "/revoke", TestTokens.merchant(merchantId), "");

        assertThat(revoked.statusCode()).isEqualTo(200);
        String revokedAt = json(revoked).path("revokedAt").asString();
        assertThat(revokedAt).isNotEmpty();
        HttpResponse<String> refused = exchange(key);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        HttpResponse<String> again = api.post(
                "/api/v1/api-keys/" + created.path("id").asString() + "/revoke", TestTokens.merchant(merchantId), "");
        assertThat(json(again).path("revokedAt").asString()).isEqualTo(revokedAt);
    }

    @Test
    void unknownAndMalformedCredentialsAreRefusedAlike() {
        String unknown = "sk_test_" + "A".repeat(43);
        for (String credential :
                List.of(unknown, "sk_live_short", "hello", "", "op_test_operator-credential-of-the-test")) {
            HttpResponse<String> refused = exchange(credential);
            assertThat(refused.statusCode()).as(credential).isEqualTo(401);
            assertThat(json(refused).path("detail").asString()).isEqualTo("The credential is not valid.");
        }
        assertThat(api.post("/internal/v1/tokens", null, "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void theOperatorCreatesAMerchantsFirstKeyWithItsOwnCredential() {
        HttpResponse<String> exchanged = exchange(OPERATOR_CREDENTIAL);
        assertThat(exchanged.statusCode()).isEqualTo(200);
        Jwt operator = services.decode(json(exchanged).path("token").asString());
        assertThat(operator.getSubject()).isEqualTo("platform-operator");
        assertThat(operator.getClaimAsString("caller")).isEqualTo("service");

        HttpResponse<String> created = create(
                TestTokens.service("platform-operator"), "/api/v1/merchants/" + merchantId + "/api-keys", "LIVE");

        assertThat(created.statusCode()).isEqualTo(201);
        Jwt merchant = services.decode(json(exchange(json(created).path("key").asString()))
                .path("token")
                .asString());
        assertThat(merchant.getClaimAsString("merchant_id")).isEqualTo(merchantId.toString());
        assertThat(json(api.get("/api/v1/api-keys", TestTokens.merchant(merchantId)))
                        .get(0)
                        .path("createdBy")
                        .asString())
                .isEqualTo("platform-operator");
        assertThat(create(TestTokens.merchant(merchantId), "/api/v1/merchants/" + merchantId + "/api-keys", "LIVE")
                        .statusCode())
                .as("a merchant is not the operator")
                .isEqualTo(403);
        HttpResponse<String> unknownMerchant = create(
                TestTokens.service("platform-operator"),
                "/api/v1/merchants/" + UUID.randomUUID() + "/api-keys",
                "LIVE");
        assertThat(unknownMerchant.statusCode()).isEqualTo(404);
    }

    @Test
    void anotherMerchantSeesAndRevokesNothingOfTheKeys() {
        JsonNode created = json(create(TestTokens.merchant(merchantId), "/api/v1/api-keys", "TEST"));
        UUID other = aKnownMerchant();

        HttpResponse<String> revoke = api.post(
                "/api/v1/api-keys/" + created.path("id").asString() + "/revoke", TestTokens.merchant(other), "");

        assertThat(revoke.statusCode()).isEqualTo(404);
        assertThat(revoke.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(api.get("/api/v1/api-keys", TestTokens.merchant(other))))
                .isEmpty();
        assertThat(exchange(created.path("key").asString()).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/api-keys", null).statusCode()).isEqualTo(401);
    }

    @Test
    void badRequestsAreRefusedAndCreateNothing() {
        String merchant = TestTokens.merchant(merchantId);
        for (String body : List.of(
                "{\"mode\": \"PROD\", \"name\": \"x\"}",
                "{\"mode\": \"TEST\", \"name\": \" \"}",
                "{\"mode\": \"TEST\", \"name\": \"" + "x".repeat(101) + "\"}",
                "{\"name\": \"x\"}",
                "not json")) {
            HttpResponse<String> refused = api.post("/api/v1/api-keys", merchant, body);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(json(api.get("/api/v1/api-keys", merchant))).isEmpty();
    }

    private HttpResponse<String> create(String token, String path, String mode) {
        return api.post(path, token, "{\"mode\": \"" + mode + "\", \"name\": \"Shop backend\"}");
    }

    private HttpResponse<String> exchange(String credential) {
        return api.post("/internal/v1/tokens", null, "{\"credential\": \"" + credential + "\"}");
    }

    /** A merchant order-service has announced, once portal-service has its copy. */
    private UUID aKnownMerchant() {
        UUID id = UUID.randomUUID();
        orderService.publish(
                id,
                new MerchantSettingsChanged(
                        id, EventSamples.read(MerchantSettingsChanged.class).settings(), Instant.now()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("SELECT count(*) FROM merchant_copy WHERE id = :id")
                                .param("id", id)
                                .query(Long.class)
                                .single()
                        == 1);
        return id;
    }
}

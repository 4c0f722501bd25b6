package io.billstream.platform.plumbing;

import static io.billstream.platform.plumbing.HttpCalls.request;
import static io.billstream.platform.plumbing.HttpCalls.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.TestTokens;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Only tokens of the configured issuer, for this audience, signed with a published key and unexpired, get in. */
@SpringBootTest(classes = PlumbingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class InternalTokenIT {

    @LocalServerPort
    int port;

    private final UUID merchantId = UUID.randomUUID();

    @Test
    void aValidMerchantTokenIdentifiesTheMerchant() {
        HttpResponse<String> response = whoAmI(TestTokens.merchant(merchantId));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"kind\":\"MERCHANT\"").contains(merchantId.toString());
    }

    @Test
    void aCustomerTokenCarriesTheCustomerAndItsMerchant() {
        UUID customerId = UUID.randomUUID();
        HttpResponse<String> response = whoAmI(TestTokens.customer(merchantId, customerId));
        assertThat(response.body())
                .contains("\"kind\":\"CUSTOMER\"")
                .contains(merchantId.toString())
                .contains(customerId.toString());
    }

    @Test
    void aCustomerIsRefusedWhatOnlyMerchantsMayDo() {
        HttpResponse<String> response = send(request(port, "/api/v1/merchant-only")
                .header("Authorization", "Bearer " + TestTokens.customer(merchantId, UUID.randomUUID())));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void noTokenIs401WithABearerChallenge() {
        HttpResponse<String> response = send(request(port, "/api/v1/whoami"));
        assertRefused(response, "A bearer token is required");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void anExpiredTokenIsRefused() {
        assertRefused(
                whoAmI(TestTokens.builder()
                        .caller("merchant")
                        .merchant(merchantId)
                        .issuedAt(Instant.now().minusSeconds(600))
                        .expiresAt(Instant.now().minusSeconds(120))
                        .mint()),
                "expired");
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        assertRefused(
                whoAmI(TestTokens.builder()
                        .caller("merchant")
                        .merchant(merchantId)
                        .expiresAt(null)
                        .mint()),
                "'exp'");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        assertRefused(
                whoAmI(TestTokens.builder()
                        .caller("merchant")
                        .merchant(merchantId)
                        .audience("elsewhere")
                        .mint()),
                "audience");
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        assertRefused(
                whoAmI(TestTokens.builder()
                        .caller("merchant")
                        .merchant(merchantId)
                        .issuer("https://evil.example")
                        .mint()),
                "issued by another issuer");
    }

    @Test
    void aTokenSignedByAnUnpublishedKeyIsRefused() {
        assertRefused(
                whoAmI(TestTokens.builder()
                        .caller("merchant")
                        .merchant(merchantId)
                        .signedByAForeignKey()
                        .mint()),
                "signature is invalid");
    }

    @Test
    void aTokenSignedByThePublishedKeyWithAnAlgorithmNotAllowedIsRefused() {
        assertRefused(
                whoAmI(TestTokens.builder()
                        .caller("merchant")
                        .merchant(merchantId)
                        .signedWith(JWSAlgorithm.RS512)
                        .mint()),
                "algorithm");
    }

    @Test
    void aTokenWithASharedSecretIsRefused() {
        assertRefused(
                whoAmI(TestTokens.builder()
                        .caller("merchant")
                        .merchant(merchantId)
                        .signedWithASharedSecret()
                        .mint()),
                "algorithm");
    }

    @Test
    void aTokenThatNamesNoValidCallerIsRefused() {
        assertRefused(whoAmI(TestTokens.builder().caller("admin").mint()), "valid caller");
        assertRefused(whoAmI(TestTokens.builder().caller("merchant").mint()), "valid caller");
    }

    @Test
    void aMalformedTokenIsRefusedInThePlatformsWords() {
        HttpResponse<String> response = whoAmI("not-a-token");
        assertRefused(response, "The bearer token is not a well-formed token.");
        assertThat(response.body()).contains("\"title\":\"Invalid token\"").doesNotContain("Jwt");
    }

    @Test
    void healthStaysOpen() {
        assertThat(send(request(port, "/actuator/health/readiness")).statusCode())
                .isEqualTo(200);
    }

    private HttpResponse<String> whoAmI(String token) {
        return send(request(port, "/api/v1/whoami").header("Authorization", "Bearer " + token));
    }

    private static void assertRefused(HttpResponse<String> response, String detailFragment) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":401").contains(detailFragment);
    }
}

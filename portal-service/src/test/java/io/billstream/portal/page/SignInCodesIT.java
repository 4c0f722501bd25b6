package io.billstream.portal.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billstream.platform.security.SecurityConfiguration;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Email one-time codes through the portal's pages, over HTTP on real PostgreSQL and Kafka, with the clock moved: the
 * code's life, its tries, the resend interval, the rate limits, and answers that never tell a known email from an
 * unknown one.
 */
class SignInCodesIT extends PortalPageTest {

    @Value("${billstream.security.issuer}")
    String issuer;

    @Test
    void aKnownAndAnUnknownEmailGetTheSameAnswersAndOnlyTheKnownOneACode() {
        String known = anEmail();
        UUID customerId = aCustomer(known);
        String unknown = anEmail();
        PortalBrowser browser = browser();

        HttpResponse<String> forKnown = askForCode(browser, known);
        HttpResponse<String> forUnknown = askForCode(browser, unknown);

        assertThat(forKnown.statusCode()).isEqualTo(forUnknown.statusCode()).isEqualTo(200);
        assertThat(forKnown.body().replace(known, "EMAIL"))
                .isEqualTo(forUnknown.body().replace(unknown, "EMAIL"));
        assertThat(forKnown.body())
                .contains("we have just emailed a 6-digit code")
                .contains("valid for 10 minutes");
        assertThat(codesStored(known)).isEqualTo(codesStored(unknown)).isEqualTo(1);

        String code = code(customerId, 1);
        assertThat(code).matches("[0-9]{6}");
        HttpResponse<String> wrongForKnown = enterCode(browser, known, otherThan(code));
        HttpResponse<String> wrongForUnknown = enterCode(browser, unknown, code);
        assertThat(wrongForKnown.statusCode())
                .isEqualTo(wrongForUnknown.statusCode())
                .isEqualTo(401);
        assertThat(wrongForKnown.body().replace(known, "EMAIL"))
                .isEqualTo(wrongForUnknown.body().replace(unknown, "EMAIL"))
                .contains("That code is not valid or has expired");

        // Nothing was ever asked for the unknown email; notification-service got one request, from portal-service.
        assertThat(notificationService.requestsFor(customerId.toString())).hasSize(1);
        StandInNotificationService.Request sent =
                notificationService.requestsFor(customerId.toString()).getFirst();
        assertThat(sent.body().path("template").asString()).isEqualTo("one-time-password");
        assertThat(sent.body().path("merchantId").asString()).isEqualTo(merchantId.toString());
        Jwt token = SecurityConfiguration.decoder(
                        "http://localhost:" + port + "/.well-known/jwks.json",
                        issuer,
                        "billstream",
                        List.of("ES256"),
                        Duration.ofSeconds(30),
                        clock)
                .decode(sent.authorization().substring("Bearer ".length()));
        assertThat(token.getSubject()).isEqualTo("portal-service");
    }

    @Test
    void theCodeIsStoredAsAMacOnlyAndItsSealedCopyErasedOnceSent() {
        String email = anEmail();
        UUID customerId = aCustomer(email);
        askForCode(browser(), email);
        String code = code(customerId, 1);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(sendState(email)).isEqualTo("SENT"));
        Map<String, Object> row = jdbc.sql("SELECT * FROM sign_in_code WHERE email = :email")
                .param("email", email)
                .query()
                .singleRow();
        assertThat((byte[]) row.get("code_mac")).hasSize(32);
        assertThat(row.values()).noneMatch(value -> String.valueOf(value).contains(code));
        Map<String, Object> message = jdbc.sql("SELECT * FROM secret_message WHERE id = :id")
                .param("id", row.get("id"))
                .query()
                .singleRow();
        assertThat(message.get("sealed_secret")).isNull();
        assertThat(message.get("template")).isEqualTo("one-time-password");
    }

    @Test
    void aCodeIsSingleUseAndExpiresAfterTenMinutes() {
        String email = anEmail();
        UUID customerId = aCustomer(email);
        PortalBrowser browser = browser();

        askForCode(browser, email);
        moved().advance(Duration.ofMinutes(10).minusSeconds(5));
        String code = code(customerId, 1);
        assertThat(enterCode(browser, email, code).statusCode()).isEqualTo(302);
        assertThat(enterCode(browser, email, code).statusCode())
                .as("the same code a second time")
                .isEqualTo(401);

        moved().advance(Duration.ofMinutes(1));
        askForCode(browser, email);
        String expiring = code(customerId, 2);
        moved().advance(Duration.ofMinutes(10));
        assertThat(enterCode(browser, email, expiring).statusCode()).isEqualTo(401);
    }

    @Test
    void fiveWrongTriesKillTheCode() {
        String email = anEmail();
        UUID customerId = aCustomer(email);
        PortalBrowser browser = browser();
        askForCode(browser, email);
        String code = code(customerId, 1);

        for (int i = 0; i < 4; i++) {
            assertThat(enterCode(browser, email, otherThan(code)).statusCode()).isEqualTo(401);
        }
        // Four wrong tries leave the code alive ...
        assertThat(enterCode(browser, email, code).statusCode()).isEqualTo(302);

        moved().advance(Duration.ofSeconds(61));
        askForCode(browser, email);
        String next = code(customerId, 2);
        for (int i = 0; i < 5; i++) {
            enterCode(browser, email, otherThan(next));
        }
        // ... the fifth kills it, and letters or a wrong length count as tries too.
        assertThat(enterCode(browser, email, next).statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT failed_attempts FROM sign_in_code WHERE email = :email AND used_at IS NULL")
                        .param("email", email)
                        .query(Integer.class)
                        .single())
                .isEqualTo(5);
    }

    @Test
    void aNewCodeComesNoSoonerThanAMinuteAfterTheLastAndReplacesIt() {
        String email = anEmail();
        UUID customerId = aCustomer(email);
        PortalBrowser browser = browser();
        askForCode(browser, email);
        String first = code(customerId, 1);

        moved().advance(Duration.ofSeconds(30));
        HttpResponse<String> tooSoon = askForCode(browser, email);
        assertThat(tooSoon.statusCode()).isEqualTo(200);
        assertThat(tooSoon.body()).containsPattern("new code in (29|30) seconds");
        assertThat(codesStored(email)).isEqualTo(1);

        moved().advance(Duration.ofSeconds(31));
        askForCode(browser, email);
        String second = code(customerId, 2);
        assertThat(codesStored(email)).isEqualTo(2);
        if (!second.equals(first)) {
            assertThat(enterCode(browser, email, first).statusCode())
                    .as("the replaced code")
                    .isEqualTo(401);
        }
        assertThat(enterCode(browser, email, second).statusCode()).isEqualTo(302);
    }

    @Test
    void codesAreLimitedPerEmailAlikeForKnownAndUnknownEmails() {
        String known = anEmail();
        aCustomer(known);
        String unknown = anEmail();
        for (String email : List.of(known, unknown)) {
            PortalBrowser browser = browser();
            for (int i = 0; i < 5; i++) {
                assertThat(askForCode(browser, email).statusCode()).isEqualTo(200);
                moved().advance(Duration.ofSeconds(61));
            }
            HttpResponse<String> limited = askForCode(browser(), email);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After"))
                    .hasValueSatisfying(
                            seconds -> assertThat(Long.parseLong(seconds)).isBetween(3_000L, 3_600L - 5 * 61 + 1));
            assertThat(limited.body()).contains("Too many codes asked for");
            assertThat(codesStored(email)).isEqualTo(5);
        }

        moved().advance(Duration.ofHours(1));
        assertThat(askForCode(browser(), known).statusCode()).isEqualTo(200);
    }

    @Test
    void codesAreLimitedPerClientAddress() {
        PortalBrowser oneClient = browser().header("X-Forwarded-For", "198.51.100.7");
        for (int i = 0; i < 20; i++) {
            assertThat(askForCode(oneClient, anEmail()).statusCode()).isEqualTo(200);
        }
        String next = anEmail();
        assertThat(askForCode(oneClient, next).statusCode()).isEqualTo(429);
        assertThat(codesStored(next)).isZero();

        // A client that writes its own X-Forwarded-For is still known by the address the gateway added last.
        PortalBrowser spoofing = browser().header("X-Forwarded-For", "192.0.2.1, 198.51.100.7");
        assertThat(askForCode(spoofing, anEmail()).statusCode()).isEqualTo(429);
        assertThat(askForCode(browser(), next).statusCode()).isEqualTo(200);
    }

    @Test
    void aFormPostWithoutThePagesCsrfTokenChangesNothing() {
        String email = anEmail();
        PortalBrowser browser = browser();
        browser.get("/login/" + merchantId);

        HttpResponse<String> without = browser.post("/login/" + merchantId + "/code", Map.of("email", email));
        PortalBrowser other = browser();
        other.get("/login/" + merchantId);
        HttpResponse<String> othersToken =
                browser.post("/login/" + merchantId + "/code", Map.of("email", email, "_csrf", other.csrfToken()));

        for (HttpResponse<String> refused : List.of(without, othersToken)) {
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(refused.body()).contains("This form has expired").contains("reload the page and send it again");
        }
        PortalBrowser german = browser().header("Accept-Language", "de");
        german.get("/login/" + merchantId);
        HttpResponse<String> inGerman = german.post("/login/" + merchantId + "/code", Map.of("email", email));
        assertThat(inGerman.statusCode()).isEqualTo(403);
        assertThat(inGerman.body()).contains("Dieses Formular ist abgelaufen");
        assertThat(codesStored(email)).isZero();
    }

    @Test
    void aCodeWaitsWhileNotificationServiceIsAwayAndIsSentOnceItIsBack() {
        String email = anEmail();
        UUID customerId = aCustomer(email);
        notificationService.away(true);
        askForCode(browser(), email);

        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> sendState(email).equals("PENDING"));
        notificationService.away(false);

        String code = code(customerId, 1);
        assertThat(code).matches("[0-9]{6}");
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() ->
                        notificationService.requestsFor(customerId.toString()).size() == 1);
    }

    @Test
    void anUnknownMerchantHasNoPortalAndABadEmailIsAskedAgain() {
        HttpResponse<String> none = browser().get("/login/" + UUID.randomUUID());
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        PortalBrowser browser = browser();
        HttpResponse<String> bad = askForCode(browser, "not an email");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("Please enter a valid email address.");
        assertThat(codesStored("not an email")).isZero();
    }

    private String sendState(String email) {
        return jdbc.sql("""
                        SELECT m.state FROM secret_message m JOIN sign_in_code c ON c.id = m.id WHERE c.email = :email
                        """).param("email", email).query(String.class).single();
    }

    private static String otherThan(String code) {
        return "%06d".formatted((Integer.parseInt(code) + 1) % 1_000_000);
    }
}

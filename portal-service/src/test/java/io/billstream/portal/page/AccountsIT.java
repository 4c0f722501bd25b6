package io.billstream.portal.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billstream.platform.test.ApiClient;
import io.billstream.platform.test.TestTokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The password way in, over HTTP on real PostgreSQL and Kafka with the clock moved: the merchant's invitation and its
 * 72-hour single-use link, the password's Argon2id parameters read back from the stored hash, the email confirmation,
 * sign-in by password, change (ending the other sessions) and reset, and answers that never tell whether an email has
 * an account.
 */
class AccountsIT extends PortalPageTest {

    private static final String PASSWORD = "correct horse battery staple";

    @Test
    void theMerchantInvitesItsOwnCustomerOnly() {
        UUID customerId = aCustomer(anEmail());
        ApiClient api = new ApiClient(port);

        HttpResponse<String> invited = api.post(
                "/api/v1/customers/" + customerId + "/portal-invitations", TestTokens.merchant(merchantId), "");

        assertThat(invited.statusCode()).isEqualTo(201);
        JsonNode body = ApiClient.json(invited);
        assertThat(body.path("customerId").asString()).isEqualTo(customerId.toString());
        assertThat(Duration.between(
                        clock.instant(), Instant.parse(body.path("expiresAt").asString())))
                .isBetween(Duration.ofHours(72).minusMinutes(1), Duration.ofHours(72));
        assertThat(invited.body()).doesNotContain("/invitation/");
        String link = link(customerId, 1);
        assertThat(link).startsWith("http://localhost:8080/login/" + merchantId + "/invitation/");
        assertThat(linkTemplate(customerId, 1)).isEqualTo("portal-invitation");

        HttpResponse<String> othersCustomer = api.post(
                "/api/v1/customers/" + customerId + "/portal-invitations", TestTokens.merchant(UUID.randomUUID()), "");
        assertThat(othersCustomer.statusCode()).isEqualTo(404);
        assertThat(othersCustomer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(api.post("/api/v1/customers/" + customerId + "/portal-invitations", null, "")
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void anInvitationLinkWorksOnceAndForSeventyTwoHours() {
        UUID customerId = aCustomer(anEmail());
        String first = invite(customerId, 1);
        moved().advance(Duration.ofHours(72).minusMinutes(1));
        PortalBrowser browser = browser();
        assertThat(browser.get(path(first)).statusCode()).isEqualTo(200);
        assertThat(choosePassword(browser, "invitation", token(first)).statusCode())
                .isEqualTo(200);
        // Used: the same link again is refused, on its page and on the form.
        assertThat(browser.get(path(first)).statusCode()).isEqualTo(410);
        assertThat(choosePassword(browser, "invitation", token(first)).statusCode())
                .isEqualTo(410);

        String second = invite(customerId, 3);
        moved().advance(Duration.ofHours(72).plusSeconds(1));
        HttpResponse<String> expired = browser.get(path(second));
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(expired.body()).contains("This link no longer works");
    }

    @Test
    void thePasswordIsStoredAsArgon2idAndWorksOnceTheEmailIsConfirmed() {
        String email = anEmail();
        UUID customerId = aCustomer(email);
        String invitation = invite(customerId, 1);
        PortalBrowser browser = browser();
        browser.get(path(invitation));

        assertThat(choosePassword(browser, "invitation", token(invitation), "seven77", "seven77")
                        .statusCode())
                .isEqualTo(400);
        assertThat(choosePassword(browser, "invitation", token(invitation), PASSWORD, PASSWORD + "!")
                        .statusCode())
                .isEqualTo(400);
        HttpResponse<String> chosen = choosePassword(browser, "invitation", token(invitation));
        assertThat(chosen.statusCode()).isEqualTo(200);
        assertThat(chosen.body()).contains("confirm your email address");

        String hash = jdbc.sql("SELECT password_hash FROM portal_account WHERE customer_id = :c")
                .param("c", customerId)
                .query(String.class)
                .single();
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(PASSWORD);
        assertThat(hash.split("\\$")).hasSize(6);

        assertThat(passwordSignIn(browser(), email, PASSWORD).statusCode())
                .as("before the email is confirmed")
                .isEqualTo(401);
        String confirmation = link(customerId, 2);
        assertThat(linkTemplate(customerId, 2)).isEqualTo("email-confirmation");
        PortalBrowser inbox = browser();
        inbox.get(path(confirmation));
        HttpResponse<String> confirmed =
                inbox.submit("/login/" + merchantId + "/confirm", Map.of("token", token(confirmation)));
        assertThat(confirmed.statusCode()).isEqualTo(302);

        PortalBrowser signingIn = browser();
        HttpResponse<String> signedIn = passwordSignIn(signingIn, email, PASSWORD);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signingIn.get("/portal/" + merchantId).body()).contains("Change your password");
        assertThat(jdbc.sql("SELECT method FROM portal_session WHERE customer_id = :c")
                        .param("c", customerId)
                        .query(String.class)
                        .list())
                .containsExactly("PASSWORD");
    }

    @Test
    void aWrongPasswordAnUnknownEmailAndAnUnconfirmedOneGetTheSameAnswer() {
        String email = anEmail();
        UUID customerId = anAccount(email);
        String unknown = anEmail();

        HttpResponse<String> wrong = passwordSignIn(browser(), email, "not the password");
        HttpResponse<String> nobody = passwordSignIn(browser(), unknown, PASSWORD);

        assertThat(wrong.statusCode()).isEqualTo(nobody.statusCode()).isEqualTo(401);
        assertThat(withoutTokens(wrong.body()).replace(email, "EMAIL"))
                .isEqualTo(withoutTokens(nobody.body()).replace(unknown, "EMAIL"));

        // Forgotten password: the same answer, and a link for the account only.
        int before = notificationService.requestsFor(customerId.toString()).size();
        HttpResponse<String> forKnown = forgot(browser(), email);
        HttpResponse<String> forUnknown = forgot(browser(), unknown);
        assertThat(forKnown.statusCode()).isEqualTo(forUnknown.statusCode()).isEqualTo(200);
        assertThat(withoutTokens(forKnown.body())).isEqualTo(withoutTokens(forUnknown.body()));
        assertThat(link(customerId, before + 1)).contains("/login/" + merchantId + "/reset/");
    }

    @Test
    void changingThePasswordEndsTheOtherSessions() {
        String email = anEmail();
        anAccount(email);
        PortalBrowser here = browser();
        PortalBrowser elsewhere = browser();
        passwordSignIn(here, email, PASSWORD);
        passwordSignIn(elsewhere, email, PASSWORD);
        assertThat(elsewhere.get("/portal/" + merchantId).statusCode()).isEqualTo(200);

        here.get("/portal/" + merchantId + "/password");
        HttpResponse<String> wrongCurrent = here.submit(
                "/portal/" + merchantId + "/password",
                Map.of(
                        "current",
                        "not it at all",
                        "password",
                        "a new passphrase",
                        "passwordAgain",
                        "a new passphrase"));
        assertThat(wrongCurrent.statusCode()).isEqualTo(400);
        assertThat(elsewhere.get("/portal/" + merchantId).statusCode()).isEqualTo(200);

        HttpResponse<String> changed = here.submit(
                "/portal/" + merchantId + "/password",
                Map.of("current", PASSWORD, "password", "a new passphrase", "passwordAgain", "a new passphrase"));
        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(here.get("/portal/" + merchantId).statusCode()).isEqualTo(200);
        assertThat(elsewhere.get("/portal/" + merchantId).statusCode()).isEqualTo(302);
        assertThat(passwordSignIn(browser(), email, PASSWORD).statusCode()).isEqualTo(401);
        assertThat(passwordSignIn(browser(), email, "a new passphrase").statusCode())
                .isEqualTo(302);
    }

    @Test
    void aResetLinkSetsANewPasswordOnceWithinAnHourAndEndsEverySession() {
        String email = anEmail();
        UUID customerId = anAccount(email);
        PortalBrowser signedIn = browser();
        passwordSignIn(signedIn, email, PASSWORD);
        int before = notificationService.requestsFor(customerId.toString()).size();

        forgot(browser(), email);
        String reset = link(customerId, before + 1);
        assertThat(linkTemplate(customerId, before + 1)).isEqualTo("password-reset");
        PortalBrowser browser = browser();
        assertThat(browser.get(path(reset)).statusCode()).isEqualTo(200);
        assertThat(choosePassword(browser, "reset", token(reset), "the reset passphrase", "the reset passphrase")
                        .statusCode())
                .isEqualTo(302);
        assertThat(choosePassword(browser, "reset", token(reset), "another passphrase", "another passphrase")
                        .statusCode())
                .as("the same link again")
                .isEqualTo(410);
        assertThat(signedIn.get("/portal/" + merchantId).statusCode()).isEqualTo(302);
        assertThat(passwordSignIn(browser(), email, "the reset passphrase").statusCode())
                .isEqualTo(302);

        forgot(browser(), email);
        String late = link(customerId, before + 2);
        moved().advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(browser().get(path(late)).statusCode()).isEqualTo(410);
    }

    /** A customer with a confirmed account whose password is {@link #PASSWORD}. */
    private UUID anAccount(String email) {
        UUID customerId = aCustomer(email);
        String invitation = invite(customerId, 1);
        PortalBrowser browser = browser();
        browser.get(path(invitation));
        assertThat(choosePassword(browser, "invitation", token(invitation)).statusCode())
                .isEqualTo(200);
        String confirmation = link(customerId, 2);
        browser.get(path(confirmation));
        assertThat(browser.submit("/login/" + merchantId + "/confirm", Map.of("token", token(confirmation)))
                        .statusCode())
                .isEqualTo(302);
        return customerId;
    }

    /** Invites the customer and returns the link of the customer's {@code number}th secret message. */
    private String invite(UUID customerId, int number) {
        HttpResponse<String> invited = new ApiClient(port)
                .post("/api/v1/customers/" + customerId + "/portal-invitations", TestTokens.merchant(merchantId), "");
        assertThat(invited.statusCode()).isEqualTo(201);
        return link(customerId, number);
    }

    private HttpResponse<String> choosePassword(PortalBrowser browser, String step, String token) {
        return choosePassword(browser, step, token, PASSWORD, PASSWORD);
    }

    private HttpResponse<String> choosePassword(
            PortalBrowser browser, String step, String token, String password, String again) {
        browser.get("/login/" + merchantId);
        return browser.submit(
                "/login/" + merchantId + "/" + step,
                Map.of("token", token, "password", password, "passwordAgain", again));
    }

    private HttpResponse<String> passwordSignIn(PortalBrowser browser, String email, String password) {
        browser.get("/login/" + merchantId);
        return browser.submit("/login/" + merchantId + "/password", Map.of("email", email, "password", password));
    }

    private HttpResponse<String> forgot(PortalBrowser browser, String email) {
        browser.get("/login/" + merchantId + "/forgot");
        return browser.submit("/login/" + merchantId + "/forgot", Map.of("email", email));
    }

    private String link(UUID customerId, int number) {
        List<StandInNotificationService.Request> sent = await().atMost(Duration.ofSeconds(30))
                .until(() -> notificationService.requestsFor(customerId.toString()), list -> list.size() >= number);
        return sent.get(number - 1).body().path("link").asString();
    }

    private String linkTemplate(UUID customerId, int number) {
        return notificationService
                .requestsFor(customerId.toString())
                .get(number - 1)
                .body()
                .path("template")
                .asString();
    }

    private static String path(String link) {
        return link.substring("http://localhost:8080".length());
    }

    private static String token(String link) {
        return link.substring(link.lastIndexOf('/') + 1);
    }

    /** Pages of two browsers differ in their CSRF tokens only. */
    private static String withoutTokens(String page) {
        return page.replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "name=\"_csrf\" value=\"\"");
    }
}

package io.billstream.portal.page;

import static org.assertj.core.api.Assertions.assertThat;

import io.billstream.events.EventJson;
import io.billstream.events.Topics;
import io.billstream.events.portal.PortalAction;
import io.billstream.events.portal.PortalActionPerformed;
import io.billstream.events.portal.SignInMethod;
import io.billstream.platform.test.TopicReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Portal sessions through the pages, over HTTP on real PostgreSQL and Kafka with the clock moved: a new session id at
 * every sign-in, the cookie's attributes, sign-out ending the session on the server, idle and absolute timeouts,
 * each sign-in and sign-out on the customer's timeline, the pages' headers and languages.
 */
class SessionsIT extends PortalPageTest {

    @Test
    void signingInStartsASessionWithANewIdWhateverTheBrowserHeldBefore() {
        String email = anEmail();
        UUID customerId = aCustomer(email);
        PortalBrowser browser = browser();
        String planted = "planted-by-someone-else-0123456789abcdefghij";
        browser.setCookie(Browser.SESSION, planted);

        HttpResponse<String> signedIn = signIn(browser, customerId, email);

        assertThat(signedIn.statusCode()).isEqualTo(302);
        // Relative, so the browser stays on the gateway it came through.
        assertThat(signedIn.headers().firstValue("Location")).hasValue("/portal/" + merchantId);
        String setCookie = signedIn.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith(Browser.SESSION + "="))
                .findFirst()
                .orElseThrow();
        assertThat(setCookie)
                .contains("Path=/")
                .contains("Secure")
                .contains("HttpOnly")
                .contains("SameSite=Lax")
                .contains("Max-Age=28800");
        String first = browser.cookie(Browser.SESSION);
        assertThat(first).isNotEqualTo(planted).hasSizeGreaterThanOrEqualTo(43);
        assertThat(browser.get("/portal/" + merchantId).body()).contains("You are signed in to");

        // Signing in again in the same browser replaces the session: the earlier id opens nothing any more.
        moved().advance(Duration.ofSeconds(61));
        signIn(browser, customerId, email);
        String second = browser.cookie(Browser.SESSION);
        assertThat(second).isNotEqualTo(first);
        assertThat(withSession(first).get("/portal/" + merchantId).statusCode()).isEqualTo(302);
        assertThat(browser.get("/portal/" + merchantId).statusCode()).isEqualTo(200);

        // The database holds the sessions' hashes, never the cookie values.
        List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM portal_session WHERE customer_id = :customer")
                .param("customer", customerId)
                .query()
                .listOfRows();
        assertThat(rows).hasSize(2);
        assertThat(rows.toString()).doesNotContain(first).doesNotContain(second);
    }

    @Test
    void signingOutEndsTheSessionOnTheServerAndBothAreOnTheCustomersTimeline() {
        String email = anEmail();
        UUID customerId = aCustomer(email);
        PortalBrowser browser = browser();
        signIn(browser, customerId, email);
        String session = browser.cookie(Browser.SESSION);
        browser.get("/portal/" + merchantId);

        HttpResponse<String> signedOut = browser.submit("/logout", Map.of("merchantId", merchantId.toString()));

        assertThat(signedOut.statusCode()).isEqualTo(302);
        assertThat(signedOut.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/login/" + merchantId + "?signedOut"));
        assertThat(browser.cookie(Browser.SESSION)).isNull();
        // The old cookie value, replayed, is refused: the session ended on the server, not only in the browser.
        HttpResponse<String> replayed = withSession(session).get("/portal/" + merchantId);
        assertThat(replayed.statusCode()).isEqualTo(302);
        assertThat(replayed.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/login/" + merchantId));

        List<PortalActionPerformed> timeline = TopicReader.recordsOf(Topics.PORTAL, customerId, 2).stream()
                .map(record -> EventJson.read(record.value(), PortalActionPerformed.class))
                .toList();
        assertThat(timeline)
                .extracting(PortalActionPerformed::action)
                .containsExactly(PortalAction.SIGNED_IN, PortalAction.SIGNED_OUT);
        assertThat(timeline.getFirst().method()).isEqualTo(SignInMethod.ONE_TIME_CODE);
        assertThat(timeline.getFirst().sessionId()).isEqualTo(timeline.getLast().sessionId());
    }

    @Test
    void aSessionEndsAfterThirtyMinutesIdle() {
        String email = anEmail();
        UUID customerId = aCustomer(email);
        PortalBrowser browser = browser();
        signIn(browser, customerId, email);

        moved().advance(Duration.ofMinutes(29));
        assertThat(browser.get("/portal/" + merchantId).statusCode()).isEqualTo(200);
        moved().advance(Duration.ofMinutes(29));
        assertThat(browser.get("/portal/" + merchantId).statusCode()).isEqualTo(200);
        moved().advance(Duration.ofMinutes(31));
        assertThat(browser.get("/portal/" + merchantId).statusCode()).isEqualTo(302);
    }

    @Test
    void aSessionEndsEightHoursAfterSignInHoweverBusy() {
        String email = anEmail();
        UUID customerId = aCustomer(email);
        PortalBrowser browser = browser();
        signIn(browser, customerId, email);

        for (int i = 0; i < 23; i++) {
            moved().advance(Duration.ofMinutes(20));
            assertThat(browser.get("/portal/" + merchantId).statusCode())
                    .as("%d minutes after sign-in", (i + 1) * 20)
                    .isEqualTo(200);
        }
        moved().advance(Duration.ofMinutes(21));
        assertThat(browser.get("/portal/" + merchantId).statusCode()).isEqualTo(302);
    }

    @Test
    void aSessionOpensOnlyItsOwnMerchantsPortal() {
        String email = anEmail();
        UUID customerId = aCustomer(email);
        PortalBrowser browser = browser();
        signIn(browser, customerId, email);
        UUID ours = merchantId;

        aMerchant();
        assertThat(browser.get("/portal/" + merchantId).statusCode()).isEqualTo(302);
        assertThat(browser.get("/portal/" + ours).statusCode()).isEqualTo(200);
    }

    @Test
    void pagesCarryTheSecurityHeadersAndSpeakTheCustomersLanguage() {
        HttpResponse<String> page = browser().get("/login/" + merchantId);
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(policy ->
                        assertThat(policy).contains("frame-ancestors 'none'").contains("form-action 'self'"));
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        assertThat(page.body()).contains("<h1>Sign in</h1>").contains("Kaffeerösterei Berg GmbH");

        PortalBrowser german = browser().header("Accept-Language", "de-DE,de;q=0.9,en;q=0.5");
        assertThat(german.get("/login/" + merchantId).body())
                .contains("<h1>Anmelden</h1>")
                .contains("lang=\"de\"");
        // ?lang= switches the language, and a cookie keeps the choice for the next pages.
        assertThat(german.get("/login/" + merchantId + "?lang=fr").body()).contains("<h1>Connexion</h1>");
        assertThat(german.get("/login/" + merchantId).body()).contains("<h1>Connexion</h1>");
        assertThat(browser()
                        .header("Accept-Language", "es")
                        .get("/login/" + merchantId)
                        .body())
                .contains("<h1>Iniciar sesión</h1>");
    }

    private PortalBrowser withSession(String session) {
        PortalBrowser browser = browser();
        browser.setCookie(Browser.SESSION, session);
        return browser;
    }
}

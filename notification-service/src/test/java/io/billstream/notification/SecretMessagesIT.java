package io.billstream.notification;

import static io.billstream.notification.Inbox.WAIT;
import static io.billstream.notification.Inbox.awaitEmails;
import static io.billstream.notification.Inbox.emailsTo;
import static io.billstream.notification.Inbox.part;
import static io.billstream.notification.Inbox.plain;
import static io.billstream.platform.test.ApiClient.json;
import static io.billstream.platform.test.GoldenEvents.golden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billstream.events.EventJson;
import io.billstream.events.Topics;
import io.billstream.events.customer.CustomerCreated;
import io.billstream.events.notification.NotificationFailed;
import io.billstream.platform.test.ApiClient;
import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.TestMailServer;
import io.billstream.platform.test.TestTokens;
import io.billstream.platform.test.TopicReader;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The messages carrying a secret, as portal-service asks for them over the internal endpoint: each arrives in the
 * customer's language with its code or working link; the merchant's log never shows the secret, and the database
 * forgets it once sent; only portal-service is let in; bad requests queue nothing.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "billstream.notifications.dispatch-interval=200ms",
            "billstream.notifications.retry.first=300ms",
            "billstream.notifications.retry.longest=1s",
            "billstream.notifications.portal-url=https://pay.example.test/portal"
        })
@RealInfrastructure(mail = true)
class SecretMessagesIT {

    private static final List<String> LINK_TEMPLATES =
            List.of("portal-invitation", "email-confirmation", "password-reset", "payment-link", "usage-export-ready");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    Feed feed;

    @BeforeEach
    void aMerchant() {
        api = new ApiClient(port);
        feed = new Feed(jdbc, false);
        TestMailServer.start();
    }

    @AfterEach
    void closeFeed() {
        feed.close();
        TestMailServer.start();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "en | Your sign-in code for Kaffeerösterei Berg GmbH | valid for 10 minutes | Your payment link for"
                        + " order ORD-2026-0042 | Kaffeerösterei Berg GmbH invites you to your customer portal",
                "de | Ihr Anmeldecode für Kaffeerösterei Berg GmbH | 10 Minuten gültig | Ihr Zahlungslink für die"
                        + " Bestellung ORD-2026-0042 | Kaffeerösterei Berg GmbH lädt Sie in Ihr Kundenportal ein",
                "fr | Votre code de connexion pour Kaffeerösterei Berg GmbH | valable 10 minutes | Votre lien de"
                        + " paiement pour la commande ORD-2026-0042 | Kaffeerösterei Berg GmbH vous invite dans votre"
                        + " espace client",
                "es | Su código de acceso para Kaffeerösterei Berg GmbH | válido durante 10 minutos | Su enlace de pago"
                        + " para el pedido ORD-2026-0042 | Kaffeerösterei Berg GmbH le invita a su portal de cliente"
            })
    void eachSecretMessageArrivesInTheCustomersLanguageWithItsCodeOrLink(
            String language, String codeSubject, String codeValidity, String paymentLinkSubject, String inviteSubject)
            throws Exception {
        String email = "secret-" + language + "-" + UUID.randomUUID() + "@example.com";
        UUID customerId = feed.customer(language, email, null);
        UUID orderId = feed.orderOf(customerId);
        String code = "493817";
        List<String> links = new ArrayList<>();

        assertThat(ask(request("one-time-password", customerId, null, code, null, 10))
                        .statusCode())
                .isEqualTo(202);
        for (String template : LINK_TEMPLATES) {
            String link =
                    "https://pay.example.test/portal/" + template + "?token=" + UUID.randomUUID() + "&lang=" + language;
            links.add(link);
            HttpResponse<String> accepted = ask(request(template, customerId, orderId, null, link, 60));
            assertThat(accepted.statusCode()).as(template).isEqualTo(202);
            assertThat(accepted.body()).as("the answer hides the link").doesNotContain(link);
        }

        List<MimeMessage> messages = awaitEmails(email, 6);
        List<String> subjects = new ArrayList<>();
        for (MimeMessage message : messages) {
            String subject = plain(message.getSubject());
            subjects.add(subject);
            String text = plain(part(message, "text/plain"));
            String html = part(message, "text/html");
            assertThat(text).contains("Customer " + language).doesNotContain("{", "}", "••••••");
            if (subject.equals(codeSubject)) {
                assertThat(text).contains(code, codeValidity);
                assertThat(html).contains(">" + code + "</p>");
            } else {
                String link = links.stream().filter(text::contains).findFirst().orElseThrow();
                assertThat(html).contains("href=\"" + link.replace("&", "&amp;") + "\"");
            }
        }
        assertThat(subjects).doesNotHaveDuplicates().contains(codeSubject, paymentLinkSubject, inviteSubject);

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(jdbc.sql("""
                        SELECT count(*) FROM notification
                        WHERE customer_id = :id AND status = 'SENT' AND secret IS NULL""")
                                .param("id", customerId)
                                .query(Long.class)
                                .single())
                        .as("sent, and the secret forgotten")
                        .isEqualTo(6));
        String log = api.get("/api/v1/notifications?customerId=" + customerId, TestTokens.merchant(feed.merchantId))
                .body();
        assertThat(json(api.get(
                        "/api/v1/notifications?customerId=" + customerId, TestTokens.merchant(feed.merchantId))))
                .hasSize(6);
        assertThat(log).contains("••••••").doesNotContain(code);
        links.forEach(link -> assertThat(log).doesNotContain(link.substring(link.indexOf("token="))));
    }

    @Test
    void onlyPortalServiceIsLetIn() {
        String email = "callers-" + UUID.randomUUID() + "@example.com";
        UUID customerId = feed.customer("en", email, null);
        String body = request("one-time-password", customerId, null, "123456", null, 10);

        assertThat(api.post("/internal/v1/messages", null, body).statusCode()).isEqualTo(401);
        assertThat(api.post("/internal/v1/messages", "not-a-token", body).statusCode())
                .isEqualTo(401);
        assertThat(api.post(
                                "/internal/v1/messages",
                                TestTokens.builder()
                                        .caller("service")
                                        .subject("portal-service")
                                        .signedByAForeignKey()
                                        .mint(),
                                body)
                        .statusCode())
                .isEqualTo(401);
        for (String token : List.of(
                TestTokens.merchant(feed.merchantId),
                TestTokens.customer(feed.merchantId, customerId),
                TestTokens.service("billing-service"))) {
            HttpResponse<String> refused = api.post("/internal/v1/messages", token, body);
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }

        assertThat(ask(body).statusCode()).as("portal-service itself").isEqualTo(202);
        awaitEmails(email, 1);
        assertThat(queuedFor(customerId)).isOne();
    }

    @Test
    void badRequestsAreRefusedAndQueueNothing() {
        UUID customerId = feed.customer("en", "bad-" + UUID.randomUUID() + "@example.com", null);
        UUID orderId = feed.orderOf(customerId);
        UUID anotherCustomer = feed.customer("en", "other-" + UUID.randomUUID() + "@example.com", null);
        String link = "https://pay.example.test/portal/links/x";
        for (String[] refused : new String[][] {
            {request("welcome", customerId, null, "123456", null, 10), "template"},
            {request("one-time-password", customerId, null, null, null, 10), "code"},
            {request("one-time-password", customerId, null, "12ab56", null, 10), "code"},
            {request("one-time-password", customerId, null, "123456", link, 10), "link"},
            {request("password-reset", customerId, null, null, "javascript:alert(1)", 10), "link"},
            {request("payment-link", customerId, null, null, link, 10), "orderId"},
            {request("payment-link", anotherCustomer, orderId, null, link, 10), "customerId"},
            {request("password-reset", customerId, null, null, link, -1), "expiresAt"},
            {request("password-reset", customerId, null, null, link, 60 * 24 * 31), "expiresAt"},
            {"{\"template\": \"password-reset\"}", "requestId"},
            {"not json", null}
        }) {
            HttpResponse<String> answer = ask(refused[0]);
            assertThat(answer.statusCode()).as(refused[0]).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            if (refused[1] != null) {
                assertThat(answer.body()).as(refused[0]).contains("\"" + refused[1]);
            }
        }
        assertThat(queuedFor(customerId) + queuedFor(anotherCustomer)).isZero();
    }

    @Test
    void askedFiveTimesUnderOneRequestIdItIsSentOnce() {
        String email = "again-" + UUID.randomUUID() + "@example.com";
        UUID customerId = feed.customer("en", email, null);
        String body = request("one-time-password", customerId, null, "555123", null, 10);

        for (int i = 0; i < 5; i++) {
            assertThat(ask(body).statusCode()).isEqualTo(202);
        }

        awaitEmails(email, 1);
        await().during(Duration.ofSeconds(2))
                .atMost(WAIT)
                .untilAsserted(() -> assertThat(emailsTo(email)).hasSize(1));
        assertThat(queuedFor(customerId)).isOne();
    }

    @Test
    void aMessageNotSentBeforeItExpiresIsGivenUpAndItsSecretErased() {
        String email = "late-" + UUID.randomUUID() + "@example.com";
        UUID customerId = feed.customer("en", email, null);
        TestMailServer.stop();

        assertThat(ask(request("one-time-password", customerId, null, "777001", null, 0.05))
                        .statusCode())
                .isEqualTo(202);

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(jdbc.sql("""
                                SELECT status || ' ' || coalesce(last_error, '') || ' ' || (secret IS NULL)
                                FROM notification WHERE customer_id = :id""")
                                .param("id", customerId)
                                .query(String.class)
                                .single())
                        .isEqualTo("FAILED expired before it could be sent true"));
        NotificationFailed failed = EventJson.read(
                TopicReader.recordsOf(Topics.NOTIFICATIONS, customerId, 1)
                        .getFirst()
                        .value(),
                NotificationFailed.class);
        assertThat(failed.template()).isEqualTo("one-time-password");
        assertThat(failed.reason()).isEqualTo("expired before it could be sent");

        TestMailServer.start();
        await().during(Duration.ofSeconds(2))
                .atMost(WAIT)
                .untilAsserted(() -> assertThat(emailsTo(email)).isEmpty());
    }

    @Test
    void aCustomerWhoseCopyHasNotCaughtUpWithOrderServiceIsAnswered503WithRetryAfter() {
        UUID customerId = UUID.randomUUID();
        // order-service has committed the customer; its event has not reached this service.
        feed.orderService.next(feed.merchantId, golden(CustomerCreated.class, "customerId", customerId));

        HttpResponse<String> answer = ask(request("one-time-password", customerId, null, "123456", null, 10));

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(queuedFor(customerId)).isZero();
    }

    @Test
    void aCustomerOrderServiceDoesNotHaveIsRefused() {
        UUID customerId = UUID.randomUUID();

        HttpResponse<String> answer = ask(request("one-time-password", customerId, null, "123456", null, 10));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("customerId");
        assertThat(queuedFor(customerId)).isZero();
    }

    private HttpResponse<String> ask(String body) {
        return api.post("/internal/v1/messages", TestTokens.service("portal-service"), body);
    }

    /** A request for {@code template} whose code or link stays valid for {@code minutes}. */
    private String request(String template, UUID customerId, UUID orderId, String code, String link, double minutes) {
        return feed.secretRequest(
                template, customerId, orderId, code, link, Duration.ofMillis((long) (minutes * 60_000)));
    }

    private long queuedFor(UUID customerId) {
        return jdbc.sql("SELECT count(*) FROM notification WHERE customer_id = :id")
                .param("id", customerId)
                .query(Long.class)
                .single();
    }
}

package io.billstream.notification;

import static io.billstream.notification.Feed.approved;
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
import io.billstream.events.EventSamples;
import io.billstream.events.Money;
import io.billstream.events.Topics;
import io.billstream.events.billing.BillingEventMerged;
import io.billstream.events.billing.BillingEventRescheduled;
import io.billstream.events.billing.BillingEventSkipped;
import io.billstream.events.billing.DeclineKind;
import io.billstream.events.billing.PaymentDeclined;
import io.billstream.events.card.CardExpiring;
import io.billstream.events.document.CreditNoteIssued;
import io.billstream.events.merchant.MerchantSettings;
import io.billstream.events.merchant.MerchantSettingsChanged;
import io.billstream.events.merchant.NotificationSettings;
import io.billstream.events.notification.NotificationSent;
import io.billstream.events.order.SubscriptionCancelled;
import io.billstream.events.order.SubscriptionPaused;
import io.billstream.events.order.SubscriptionResumed;
import io.billstream.platform.test.ApiClient;
import io.billstream.platform.test.EventWriter;
import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.TestMailServer;
import io.billstream.platform.test.TestTokens;
import io.billstream.platform.test.TopicReader;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * notification-service on real PostgreSQL, Kafka and a real SMTP server (GreenMail), fed as order-service and
 * billing-service would feed it: the emails that arrive carry the subject, the figures and the link in the customer's
 * language; one per event however often it comes; none lost while the mail server is away.
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
class NotificationsIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    Feed feed;
    EventWriter orderService;
    EventWriter billingService;
    UUID merchantId;

    @BeforeEach
    void aMerchant() {
        api = new ApiClient(port);
        feed = new Feed(jdbc, false);
        orderService = feed.orderService;
        billingService = feed.billingService;
        merchantId = feed.merchantId;
        TestMailServer.start();
    }

    @AfterEach
    void closeWriters() {
        feed.close();
        TestMailServer.start();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "en | Payment of €119.00 received | with your VISA card ending in 4242 | customer portal",
                "de | Zahlung über 119,00 € erhalten | mit Ihrer VISA-Karte mit der Endung 4242 | Kundenportal",
                "fr | Paiement de 119,00 € reçu | avec votre carte VISA se terminant par 4242 | espace client",
                "es | Pago de 119,00 € recibido | con su tarjeta VISA terminada en 4242 | portal de cliente"
            })
    void anApprovedPaymentIsEmailedInTheCustomersLanguageWithItsFiguresAndLink(
            String language, String subject, String card, String portal) throws Exception {
        String email = "customer-" + UUID.randomUUID() + "@example.com";
        UUID orderId = feed.orderOfANewCustomer(language, email);

        billingService.publish(merchantId, approved(orderId));

        MimeMessage message = awaitEmails(email, 1).getFirst();
        assertThat(plain(message.getSubject())).isEqualTo(subject);
        assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isEqualTo("Kaffeerösterei Berg GmbH");
        assertThat(((InternetAddress) message.getReplyTo()[0]).getAddress())
                .isEqualTo("billing@roesterei-berg.example");
        String text = plain(part(message, "text/plain"));
        assertThat(text)
                .contains("Customer " + language, card, portal, "ORD-2026-0042")
                .contains("https://pay.example.test/portal/orders/" + orderId);
        String html = part(message, "text/html");
        assertThat(html)
                .contains("href=\"https://pay.example.test/portal/orders/" + orderId + "\"")
                .contains("#8B4513", "https://roesterei-berg.example/logo.png", "lang=\"" + language + "\"");

        JsonNode log = awaitLog(orderId, "SENT");
        assertThat(log.path("template").asString()).isEqualTo("payment-approved");
        assertThat(log.path("recipient").asString()).isEqualTo(email);
        assertThat(plain(log.path("subject").asString())).isEqualTo(subject);
        assertThat(plain(log.path("text").asString())).contains(card);
        assertThat(log.path("attempts").asInt()).isOne();
        UUID customerId = UUID.fromString(log.path("customerId").asString());
        NotificationSent sent = EventJson.read(
                TopicReader.recordsOf(Topics.NOTIFICATIONS, customerId, 1)
                        .getFirst()
                        .value(),
                NotificationSent.class);
        assertThat(sent.orderId()).isEqualTo(orderId);
        assertThat(sent.template()).isEqualTo("payment-approved");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "en | Your payment of €99.99 did not go through | Your card was declined: please update it",
                "de | Ihre Zahlung über 99,99 € ist nicht durchgegangen | Ihre Karte wurde abgelehnt: bitte aktualisieren"
                        + " Sie sie",
                "fr | Votre paiement de 99,99 € n'a pas abouti | Votre carte a été refusée : veuillez la mettre à jour",
                "es | Su pago de 99,99 € no se ha completado | Su tarjeta fue rechazada: actualícela, por favor"
            })
    void softAndHardDeclinesAskToPayOrToUpdateTheCard(String language, String soft, String hard) throws Exception {
        String email = "declined-" + UUID.randomUUID() + "@example.com";
        UUID orderId = feed.orderOfANewCustomer(language, email);

        billingService.publish(merchantId, declined(orderId, DeclineKind.SOFT));
        billingService.publish(merchantId, declined(orderId, DeclineKind.HARD));

        List<String> subjects = new ArrayList<>();
        for (MimeMessage message : awaitEmails(email, 2)) {
            subjects.add(plain(message.getSubject()));
            assertThat(plain(part(message, "text/plain")))
                    .contains(language.equals("en") ? "€99.99" : "99,99 €")
                    .contains("https://pay.example.test/portal/orders/" + orderId);
            assertThat(part(message, "text/html"))
                    .contains("href=\"https://pay.example.test/portal/orders/" + orderId + "\"");
        }
        assertThat(subjects).containsExactlyInAnyOrder(soft, hard);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "BillingEventRescheduled | Your payment of | is now due on",
                "BillingEventSkipped | A payment of | will not be collected",
                "BillingEventMerged | Your payments were combined into one of | were combined into one payment of",
                "SubscriptionPaused | Your subscription is paused | nothing is collected while it is paused",
                "SubscriptionResumed | Your subscription is running again | was resumed on",
                "SubscriptionCancelled | Your subscription is cancelled | nothing more will be collected",
                "CreditNoteIssued | You have been credited €25.00 | credit note INV-CN-2026-000003",
                "CardExpiring | Your card expires soon | your card VISA ending in 4242 expires at the end of January 2027"
            })
    void eachChangeTheCustomerIsToldOfIsEmailed(String event, String subject, String says) throws Exception {
        String email = "told-" + UUID.randomUUID() + "@example.com";
        UUID orderId = feed.orderOfANewCustomer("en", email);
        publishChange(event, orderId);

        MimeMessage message = awaitEmails(email, 1).getFirst();
        assertThat(plain(message.getSubject())).startsWith(subject);
        String text = plain(part(message, "text/plain"));
        assertThat(text).contains(says, "https://pay.example.test/portal/orders/" + orderId);
    }

    static final List<String> CHANGES = List.of(
            "BillingEventRescheduled",
            "BillingEventSkipped",
            "BillingEventMerged",
            "SubscriptionPaused",
            "SubscriptionResumed",
            "SubscriptionCancelled",
            "CreditNoteIssued",
            "CardExpiring");

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "de | Ihre Zahlung über ; Eine Zahlung über ; Ihre Zahlungen wurden zu einer über ; Ihr Abonnement ist"
                        + " pausiert ; Ihr Abonnement läuft wieder ; Ihr Abonnement ist gekündigt ; Ihnen wurden 25,00 €"
                        + " gutgeschrieben ; Ihre Karte läuft bald ab | Ende Januar 2027",
                "fr | Votre paiement de ; Un paiement de ; Vos paiements ont été regroupés ; Votre abonnement est"
                        + " suspendu ; Votre abonnement a repris ; Votre abonnement est résilié ; Vous avez été crédité"
                        + " de 25,00 € ; Votre carte expire bientôt | fin janvier 2027",
                "es | Su pago de ; Un pago de ; Sus pagos se han agrupado ; Su suscripción está en pausa ; Su"
                        + " suscripción vuelve a estar activa ; Su suscripción está cancelada ; Le hemos abonado 25,00 € ;"
                        + " Su tarjeta caduca pronto | finales de enero 2027"
            })
    void eachChangeIsWrittenInTheCustomersLanguage(String language, String subjects, String expiry) throws Exception {
        String email = "changes-" + language + "-" + UUID.randomUUID() + "@example.com";
        UUID orderId = feed.orderOfANewCustomer(language, email);

        CHANGES.forEach(event -> publishChange(event, orderId));

        List<MimeMessage> messages = awaitEmails(email, CHANGES.size());
        List<String> received = new ArrayList<>();
        for (MimeMessage message : messages) {
            received.add(plain(message.getSubject()));
            String text = plain(part(message, "text/plain"));
            assertThat(text).contains("Customer " + language, "https://pay.example.test/portal/orders/" + orderId);
            assertThat(text).doesNotContain("{", "}");
            assertThat(part(message, "text/html")).contains("lang=\"" + language + "\"");
        }
        for (String subject : subjects.split(" ; ")) {
            assertThat(received)
                    .as(subject)
                    .filteredOn(s -> s.startsWith(subject.strip()))
                    .hasSize(1);
        }
        assertThat(messages)
                .anySatisfy(message ->
                        assertThat(plain(part(message, "text/plain"))).contains(expiry));
    }

    private void publishChange(String event, UUID orderId) {
        UUID customerId = feed.customerOf(orderId);
        Object published = switch (event) {
            case "BillingEventRescheduled" -> golden(BillingEventRescheduled.class, "orderId", orderId);
            case "BillingEventSkipped" -> golden(BillingEventSkipped.class, "orderId", orderId);
            case "BillingEventMerged" -> golden(BillingEventMerged.class, "orderId", orderId);
            case "SubscriptionPaused" -> golden(SubscriptionPaused.class, "orderId", orderId, "customerId", customerId);
            case "SubscriptionResumed" ->
                golden(SubscriptionResumed.class, "orderId", orderId, "customerId", customerId);
            case "SubscriptionCancelled" ->
                golden(SubscriptionCancelled.class, "orderId", orderId, "customerId", customerId);
            case "CreditNoteIssued" -> golden(CreditNoteIssued.class, "orderId", orderId, "customerId", customerId);
            case "CardExpiring" ->
                golden(CardExpiring.class, "customerId", customerId, "orderIds", List.of(orderId), "expired", false);
            default -> throw new IllegalArgumentException(event);
        };
        EventWriter writer = event.startsWith("Subscription") ? orderService : billingService;
        writer.publish(merchantId, published);
    }

    @Test
    void scheduleChangesTheMerchantTurnedOffAreNotEmailed() throws Exception {
        MerchantSettings sample =
                EventSamples.read(MerchantSettingsChanged.class).settings();
        feed.merchant(new MerchantSettings(
                sample.company(),
                sample.branding(),
                sample.defaultLocale(),
                sample.timeZone(),
                sample.retryPolicy(),
                new NotificationSettings(false, false, false, false),
                sample.portal(),
                sample.invoicePrefix(),
                sample.tax()));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(jdbc.sql(
                                        "SELECT settings -> 'notifications' ->> 'billingEventSkipped' FROM merchant_copy WHERE id = :id")
                                .param("id", merchantId)
                                .query(String.class)
                                .single())
                        .isEqualTo("false"));
        String email = "quiet-" + UUID.randomUUID() + "@example.com";
        UUID orderId = feed.orderOfANewCustomer("en", email);

        billingService.publish(merchantId, golden(BillingEventSkipped.class, "orderId", orderId));
        billingService.publish(merchantId, approved(orderId));

        awaitEmails(email, 1);
        await().during(Duration.ofSeconds(2))
                .atMost(WAIT)
                .untilAsserted(() -> assertThat(emailsTo(email))
                        .singleElement()
                        .satisfies(message ->
                                assertThat(plain(message.getSubject())).startsWith("Payment of")));
    }

    @Test
    void anEventRedeliveredFiveTimesSendsOneEmail() throws Exception {
        String email = "redelivered-" + UUID.randomUUID() + "@example.com";
        UUID orderId = feed.orderOfANewCustomer("en", email);
        ProducerRecord<String, byte[]> approval = billingService.next(merchantId, approved(orderId));

        for (int i = 0; i < 5; i++) {
            billingService.send(approval);
        }

        awaitEmails(email, 1);
        await().during(Duration.ofSeconds(3))
                .atMost(WAIT)
                .untilAsserted(() -> assertThat(emailsTo(email)).hasSize(1));
        assertThat(json(api.get("/api/v1/notifications?orderId=" + orderId, TestTokens.merchant(merchantId))))
                .hasSize(1);
    }

    @Test
    void aBurstWhileTheMailServerIsAwayIsSentOnceEachWhenItIsBack() throws Exception {
        List<String> emails = new ArrayList<>();
        List<UUID> orders = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String email = "burst-" + i + "-" + UUID.randomUUID() + "@example.com";
            emails.add(email);
            orders.add(feed.orderOfANewCustomer("en", email));
        }
        TestMailServer.stop();

        orders.forEach(orderId -> billingService.publish(merchantId, approved(orderId)));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(jdbc.sql("""
                                SELECT count(*) FROM notification
                                WHERE merchant_id = :id AND status = 'QUEUED' AND attempts >= 2 AND last_error IS NOT NULL""")
                                .param("id", merchantId)
                                .query(Long.class)
                                .single())
                        .as("retried with back-off while the server is away")
                        .isEqualTo(10));

        TestMailServer.start();

        for (String email : emails) {
            awaitEmails(email, 1);
        }
        await().during(Duration.ofSeconds(2)).atMost(WAIT).untilAsserted(() -> {
            for (String email : emails) {
                assertThat(emailsTo(email)).as(email).hasSize(1);
            }
        });
        assertThat(jdbc.sql("SELECT count(*) FROM notification WHERE merchant_id = :id AND status = 'SENT'")
                        .param("id", merchantId)
                        .query(Long.class)
                        .single())
                .isEqualTo(10);
    }

    private static PaymentDeclined declined(UUID orderId, DeclineKind kind) {
        return golden(PaymentDeclined.class, "orderId", orderId, "kind", kind, "amount", Money.of(9999, "EUR"));
    }

    private JsonNode awaitLog(UUID orderId, String status) {
        String merchant = TestTokens.merchant(merchantId);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(json(api.get("/api/v1/notifications?orderId=" + orderId, merchant))
                                .get(0)
                                .path("status")
                                .asString())
                        .isEqualTo(status));
        return json(api.get("/api/v1/notifications?orderId=" + orderId, merchant))
                .get(0);
    }
}

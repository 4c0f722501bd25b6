package io.billstream.notification;

import static io.billstream.notification.Feed.approved;
import static io.billstream.notification.Inbox.WAIT;
import static io.billstream.notification.Inbox.awaitEmails;
import static io.billstream.notification.Inbox.plain;
import static io.billstream.platform.test.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billstream.events.EventJson;
import io.billstream.events.Topics;
import io.billstream.events.notification.NotificationChannel;
import io.billstream.events.notification.NotificationFailed;
import io.billstream.events.notification.NotificationSent;
import io.billstream.notification.sms.SandboxSms;
import io.billstream.platform.test.ApiClient;
import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.TestMailServer;
import io.billstream.platform.test.TestTokens;
import io.billstream.platform.test.TopicReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * SMS beside email, through the sandbox provider, read back over its API: sent where the merchant sends SMS and the
 * customer has a phone, in the customer's language; held while the provider is down and sent once when it is back; a
 * number the provider refuses fails at once.
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
class SmsIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SandboxSms sandbox;

    ApiClient api;
    Feed feed;

    @BeforeEach
    void aMerchantSendingSms() {
        api = new ApiClient(port);
        feed = new Feed(jdbc, true);
        TestMailServer.start();
    }

    @AfterEach
    void closeFeed() {
        sandbox.down(false);
        feed.close();
    }

    @Test
    void aCustomerWithAPhoneGetsAnSmsBesideTheEmailInTheirLanguage() {
        String email = "sms-" + UUID.randomUUID() + "@example.com";
        String phone = aPhone();
        UUID orderId = feed.orderOf(feed.customer("de", email, phone));

        feed.billingService.publish(feed.merchantId, approved(orderId));

        awaitEmails(email, 1);
        JsonNode sms = awaitSms(phone, 1).get(0);
        assertThat(plain(sms.path("text").asString()))
                .isEqualTo("Kaffeerösterei Berg GmbH: Wir haben Ihre Zahlung über 119,00 € für die Bestellung"
                        + " ORD-2026-0042 erhalten. Rechnung und Beleg: https://pay.example.test/portal/orders/"
                        + orderId);
        assertThat(sms.path("sender").asString()).isEqualTo("Kaffeerösterei Berg GmbH");

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(log(orderId))
                        .extracting(entry -> entry.path("channel").asString() + " "
                                + entry.path("status").asString())
                        .containsExactlyInAnyOrder("EMAIL SENT", "SMS SENT"));
        UUID customerId = feed.customerOf(orderId);
        List<NotificationChannel> channels = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> sent : TopicReader.recordsOf(Topics.NOTIFICATIONS, customerId, 2)) {
            channels.add(EventJson.read(sent.value(), NotificationSent.class).channel());
        }
        assertThat(channels).containsExactlyInAnyOrder(NotificationChannel.EMAIL, NotificationChannel.SMS);
    }

    @Test
    void noSmsWithoutAPhoneOrFromAMerchantThatSendsNone() {
        String email = "nophone-" + UUID.randomUUID() + "@example.com";
        UUID noPhone = feed.orderOf(feed.customer("en", email, null));
        String phone = aPhone();
        String quietEmail = "quiet-" + UUID.randomUUID() + "@example.com";
        UUID quiet;
        try (Feed noSms = new Feed(jdbc, false)) {
            quiet = noSms.orderOf(noSms.customer("en", quietEmail, phone));
            noSms.billingService.publish(noSms.merchantId, approved(quiet));
        }

        feed.billingService.publish(feed.merchantId, approved(noPhone));

        awaitEmails(email, 1);
        awaitEmails(quietEmail, 1);
        assertThat(jdbc.sql("SELECT count(*) FROM notification WHERE order_id IN (:orders) AND channel = 'SMS'")
                        .param("orders", List.of(noPhone, quiet))
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void secretMessagesGoBySmsTooExceptTheCodeAndTheEmailConfirmation() {
        String email = "secret-sms-" + UUID.randomUUID() + "@example.com";
        String phone = aPhone();
        UUID customerId = feed.customer("en", email, phone);
        UUID orderId = feed.orderOf(customerId);
        String link = "https://pay.example.test/portal/links/" + UUID.randomUUID();

        for (String body : List.of(
                feed.secretRequest("payment-link", customerId, orderId, null, link, Duration.ofMinutes(30)),
                feed.secretRequest("one-time-password", customerId, null, "246810", null, Duration.ofMinutes(30)),
                feed.secretRequest(
                        "email-confirmation", customerId, null, null, link + "/confirm", Duration.ofMinutes(30)))) {
            assertThat(api.post("/internal/v1/messages", TestTokens.service("portal-service"), body)
                            .statusCode())
                    .isEqualTo(202);
        }

        awaitEmails(email, 3);
        JsonNode sms = awaitSms(phone, 1).get(0);
        assertThat(sms.path("text").asString())
                .startsWith("Kaffeerösterei Berg GmbH: pay for order ORD-2026-0042 here (valid until ")
                .endsWith("): " + link);
        await().during(Duration.ofSeconds(2))
                .atMost(WAIT)
                .untilAsserted(() -> assertThat(sms(phone)).hasSize(1));
    }

    @Test
    void whileTheProviderIsDownSmsWaitAndAreSentOnceEachWhenItIsBack() {
        sandbox.down(true);
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String phone = aPhone();
            phones.add(phone);
            UUID orderId = feed.orderOf(feed.customer("en", "down-" + UUID.randomUUID() + "@example.com", phone));
            feed.billingService.publish(feed.merchantId, approved(orderId));
        }
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(jdbc.sql("""
                                SELECT count(*) FROM notification
                                WHERE merchant_id = :id AND channel = 'SMS' AND status = 'QUEUED' AND attempts >= 2
                                  AND last_error = 'the sandbox SMS provider is down'""")
                                .param("id", feed.merchantId)
                                .query(Long.class)
                                .single())
                        .as("retried with back-off while the provider is down")
                        .isEqualTo(3));

        sandbox.down(false);

        for (String phone : phones) {
            awaitSms(phone, 1);
        }
        await().during(Duration.ofSeconds(2)).atMost(WAIT).untilAsserted(() -> {
            for (String phone : phones) {
                assertThat(sms(phone)).as(phone).hasSize(1);
            }
        });
    }

    @Test
    void aNumberTheProviderRefusesFailsAtOnceAndTheEmailStillGoes() {
        String email = "badphone-" + UUID.randomUUID() + "@example.com";
        UUID orderId = feed.orderOf(feed.customer("en", email, "0151 1234"));

        feed.billingService.publish(feed.merchantId, approved(orderId));

        awaitEmails(email, 1);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(log(orderId))
                        .extracting(entry -> entry.path("channel").asString() + " "
                                + entry.path("status").asString() + " "
                                + entry.path("attempts").asInt())
                        .containsExactlyInAnyOrder("EMAIL SENT 1", "SMS FAILED 1"));
        NotificationFailed failed = EventJson.read(
                TopicReader.recordsOf(Topics.NOTIFICATIONS, feed.customerOf(orderId), 2).stream()
                        .filter(record -> new String(
                                        record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8)
                                .contains("NotificationFailed"))
                        .findFirst()
                        .orElseThrow()
                        .value(),
                NotificationFailed.class);
        assertThat(failed.channel()).isEqualTo(NotificationChannel.SMS);
        assertThat(failed.reason()).contains("E.164");
    }

    private static String aPhone() {
        return "+4915" + (100_000_000L + (long) (Math.random() * 899_999_999L));
    }

    private List<JsonNode> log(UUID orderId) {
        List<JsonNode> entries = new ArrayList<>();
        json(api.get("/api/v1/notifications?orderId=" + orderId, TestTokens.merchant(feed.merchantId)))
                .forEach(entries::add);
        return entries;
    }

    private List<JsonNode> sms(String phone) {
        List<JsonNode> kept = new ArrayList<>();
        json(api.get(
                        "/sandbox/v1/sms?to=" + URLEncoder.encode(phone, StandardCharsets.UTF_8),
                        TestTokens.merchant(feed.merchantId)))
                .forEach(kept::add);
        return kept;
    }

    private List<JsonNode> awaitSms(String phone, int count) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(sms(phone)).hasSize(count));
        return sms(phone);
    }
}

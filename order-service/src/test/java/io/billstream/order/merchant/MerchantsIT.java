package io.billstream.order.merchant;

import static io.billstream.platform.test.ApiClient.json;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.billstream.events.EventJson;
import io.billstream.events.EventSamples;
import io.billstream.events.Topics;
import io.billstream.events.merchant.MerchantSettings;
import io.billstream.events.merchant.MerchantSettingsChanged;
import io.billstream.platform.test.ApiClient;
import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.TestTokens;
import io.billstream.platform.test.TopicReader;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The platform operator creates merchants; each merchant reads and changes only its own settings. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class MerchantsIT {

    private static final String OPERATOR = TestTokens.service("platform-operator");

    @LocalServerPort
    int port;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private final MerchantSettings sample =
            EventSamples.read(MerchantSettingsChanged.class).settings();

    @Test
    void theOperatorCreatesAMerchantWhichReadsItsSettingsAndEveryoneLearnsOfIt() {
        HttpResponse<String> created = api.send("POST", "/api/v1/merchants", OPERATOR, body(sample), null);
        assertThat(created.statusCode()).isEqualTo(201);
        UUID merchantId = UUID.fromString(json(created).path("id").asString());
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/merchants/" + merchantId);

        HttpResponse<String> me = api.get("/api/v1/merchants/me", TestTokens.merchant(merchantId));
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(EventJson.read(json(me).path("settings").toString().getBytes(UTF_8), MerchantSettings.class))
                .isEqualTo(sample);

        ConsumerRecord<String, byte[]> event =
                TopicReader.recordsOf(Topics.MERCHANTS, merchantId, 1).getFirst();
        assertThat(EventJson.read(event.value(), MerchantSettingsChanged.class).settings())
                .isEqualTo(sample);
        assertThat(header(event, "ce_merchantid")).isEqualTo(merchantId.toString());
    }

    @Test
    void leftOutOptionsTakeTheirDefaults() {
        MerchantSettings minimal = new MerchantSettings(
                sample.company(), sample.branding(), "en", "Europe/Paris", null, null, null, null, null);
        JsonNode settings = json(api.send("POST", "/api/v1/merchants", OPERATOR, body(minimal), null))
                .path("settings");
        assertThat(settings.path("retryPolicy").path("enabled").asBoolean()).isTrue();
        assertThat(settings.path("retryPolicy").path("retryAfterHours").size()).isBetween(1, 15);
        assertThat(settings.path("notifications")
                        .path("billingEventRescheduled")
                        .asBoolean())
                .isTrue();
        assertThat(settings.path("notifications").path("billingEventSkipped").asBoolean())
                .isTrue();
        assertThat(settings.path("notifications").path("billingEventsMerged").asBoolean())
                .isTrue();
        assertThat(settings.path("invoicePrefix").asString()).isEqualTo("INV");
    }

    @Test
    void aMerchantChangesItsSettingsAndTheChangeIsPublished() {
        UUID merchantId = create();
        MerchantSettings changed = new MerchantSettings(
                sample.company(),
                new io.billstream.events.merchant.Branding(null, "#1A73E8"),
                "fr",
                "Europe/Paris",
                sample.retryPolicy(),
                sample.notifications(),
                sample.portal(),
                "FAC",
                new io.billstream.events.merchant.TaxRate("TVA", 2000));

        HttpResponse<String> response =
                api.send("PUT", "/api/v1/merchants/me", TestTokens.merchant(merchantId), body(changed), null);

        assertThat(response.statusCode()).isEqualTo(200);
        List<ConsumerRecord<String, byte[]>> events = TopicReader.recordsOf(Topics.MERCHANTS, merchantId, 2);
        assertThat(header(events.get(1), "ce_sequence")).isEqualTo("2");
        assertThat(EventJson.read(events.get(1).value(), MerchantSettingsChanged.class)
                        .settings())
                .isEqualTo(changed);
    }

    @Test
    void invalidSettingsNameEveryFieldAtFaultAndChangeNothing() {
        UUID merchantId = create();
        String invalid = new String(EventJson.write(sample), UTF_8)
                .replace("#8B4513", "brown")
                .replace("\"de\"", "\"nl\"")
                .replace("Europe/Berlin", "Mars/Olympus")
                .replace("\"DE\"", "\"XX\"")
                .replace("[24,72,168,336,672]", "[72,24]")
                .replace("\"basisPoints\":700", "\"basisPoints\":10000");

        HttpResponse<String> response = api.put("/api/v1/merchants/me", TestTokens.merchant(merchantId), invalid);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response)
                        .path("errors")
                        .valueStream()
                        .map(error -> error.path("field").asString()))
                .containsExactlyInAnyOrder(
                        "branding.accentColour",
                        "defaultLocale",
                        "timeZone",
                        "company.address.country",
                        "retryPolicy.retryAfterHours",
                        "tax.basisPoints");
        assertThat(json(api.get("/api/v1/merchants/me", TestTokens.merchant(merchantId)))
                        .path("settings")
                        .path("defaultLocale")
                        .asString())
                .isEqualTo("de");
    }

    @Test
    void onlyThePlatformOperatorCreatesMerchants() {
        HttpResponse<String> byMerchant =
                api.send("POST", "/api/v1/merchants", TestTokens.merchant(UUID.randomUUID()), body(sample), null);
        HttpResponse<String> byAnotherService =
                api.send("POST", "/api/v1/merchants", TestTokens.service("billing-service"), body(sample), null);
        assertThat(byMerchant.statusCode()).isEqualTo(403);
        assertThat(byAnotherService.statusCode()).isEqualTo(403);
    }

    @Test
    void anUnknownMerchantIs404AndCustomersCannotReadMerchantSettings() {
        assertThat(api.get("/api/v1/merchants/me", TestTokens.merchant(UUID.randomUUID()))
                        .statusCode())
                .isEqualTo(404);
        UUID merchantId = create();
        assertThat(api.get("/api/v1/merchants/me", TestTokens.customer(merchantId, UUID.randomUUID()))
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void creatingWithTheSameIdempotencyKeyCreatesOneMerchant() {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = api.send("POST", "/api/v1/merchants", OPERATOR, body(sample), key);
        HttpResponse<String> retry = api.send("POST", "/api/v1/merchants", OPERATOR, body(sample), key);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    }

    private UUID create() {
        return UUID.fromString(json(api.send("POST", "/api/v1/merchants", OPERATOR, body(sample), null))
                .path("id")
                .asString());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), UTF_8);
    }

    private static String body(Object value) {
        return new String(EventJson.write(value), UTF_8);
    }
}

package io.billstream.billing.billingevent;

import static io.billstream.platform.test.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billstream.events.EventSamples;
import io.billstream.events.merchant.MerchantSettings;
import io.billstream.events.merchant.MerchantSettingsChanged;
import io.billstream.platform.test.ApiClient;
import io.billstream.platform.test.EventWriter;
import io.billstream.platform.test.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A merchant in Berlin that billing-service knows from order-service's events, the writer that publishes as
 * order-service, and the merchant's API.
 */
abstract class MerchantScenario {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @LocalServerPort
    int port;

    ApiClient api;
    EventWriter orderService;
    UUID merchantId;
    String merchant;

    @BeforeEach
    void aMerchantInBerlin() {
        api = new ApiClient(port);
        orderService = new EventWriter("order-service");
        merchantId = UUID.randomUUID();
        merchant = TestTokens.merchant(merchantId);
        MerchantSettings settings =
                EventSamples.read(MerchantSettingsChanged.class).settings();
        assertThat(settings.timeZone()).isEqualTo(BERLIN.getId());
        orderService.publish(merchantId, new MerchantSettingsChanged(merchantId, settings, Instant.now()));
    }

    @AfterEach
    void closeWriter() {
        orderService.close();
    }

    /** The order's billing events once there are {@code count} of them. */
    JsonNode awaitBillingEvents(UUID orderId, int count) {
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(json(api.get("/api/v1/orders/" + orderId + "/billing-events", merchant))
                                .size())
                        .isEqualTo(count));
        return json(api.get("/api/v1/orders/" + orderId + "/billing-events", merchant));
    }
}

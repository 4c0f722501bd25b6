package io.billstream.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A payment refused only because billing-service had not caught up with order-service is not kept under the request's
 * Idempotency-Key: the merchant's retry with the same key, once billing-service has caught up, takes the payment.
 */
class IdempotencyAcrossServicesIT {

    @Test
    void aRefusalForAnOrderNotCaughtUpWithIsNotReplayedUnderItsKey() throws Exception {
        // billing-service reads no events at first: it never catches up with the order.
        try (Platform platform = Platform.start(Map.of("spring.kafka.listener.auto-startup", "false"))) {
            UUID orderId = platform.order(
                    "SINGLE",
                    "PAYMENT",
                    "",
                    "[{\"description\": \"Espresso machine\", \"quantity\": 1, \"unitPrice\": 29997}]");
            String key = "pay-" + orderId;
            String card = platform.card("4242424242424242");

            HttpResponse<String> behind = platform.firstStep(orderId, card, key);

            assertThat(behind.statusCode()).as(behind.body()).isEqualTo(503);
            assertThat(behind.headers().firstValue("Retry-After")).isPresent();
            assertThat(behind.headers().firstValue("Content-Type")).hasValue("application/problem+json");

            platform.restartBilling(Map.of());
            // As a client does: the same request under the same key after Retry-After, until billing-service, its
            // listeners now reading, has caught up; none of the 503s is kept.
            HttpResponse<String> retried = await().atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> platform.firstStep(orderId, card, key), answer -> answer.statusCode() != 503);
            HttpResponse<String> replayed = platform.firstStep(orderId, card, key);

            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
            assertThat(retried.headers().firstValue("Idempotent-Replayed")).isEmpty();
            assertThat(replayed.headers().firstValue("Idempotent-Replayed")).hasValue("true");
            assertThat(replayed.body()).isEqualTo(retried.body());
        }
    }
}

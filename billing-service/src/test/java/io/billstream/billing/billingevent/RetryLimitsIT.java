package io.billstream.billing.billingevent;

import static io.billstream.platform.test.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.billstream.platform.test.MovableClock;
import io.billstream.platform.test.RealInfrastructure;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The retry limits with the service's clock moved forward: at most 15 retries of a soft decline, all within 30 days of
 * it; a refused retry charges nothing.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "billstream.billing-run.initial-delay=1h")
@RealInfrastructure
class RetryLimitsIT extends MerchantScenario {

    @TestConfiguration
    static class MovedTime {
        @Bean
        Clock clock() {
            return new MovableClock();
        }
    }

    @Autowired
    BillingRun run;

    @Autowired
    Clock clock;

    @Test
    void fifteenRetriesAtMostAndNoneLaterThanThirtyDaysAfterTheSoftDecline() {
        UUID orderId = activeInstalmentOrder("4000000000009953");
        run.collectDue();
        List<String> declined = json(api.get("/api/v1/orders/" + orderId + "/billing-events", merchant))
                .valueStream()
                .filter(event -> event.path("status").asString().equals("SOFT_DECLINED"))
                .map(event -> event.path("id").asString())
                .toList();
        assertThat(declined).hasSize(3);
        String first = declined.get(0);

        for (int retry = 1; retry <= 15; retry++) {
            moved().advance(Duration.ofDays(1));
            HttpResponse<String> retried = retry(first);
            assertThat(retried.statusCode()).as("retry %d", retry).isEqualTo(200);
            assertThat(json(retried).path("attempts").asInt()).isEqualTo(retry + 1);
        }
        HttpResponse<String> sixteenth = retry(first);

        assertThat(sixteenth.statusCode()).isEqualTo(409);
        assertThat(json(sixteenth).path("retries").asInt()).isEqualTo(15);
        assertThat(json(sixteenth).path("type").asString()).isNotBlank();

        // Day 15 now; the other two declined on day 0.
        moved().advance(Duration.ofDays(15).minusMinutes(1));
        assertThat(retry(declined.get(1)).statusCode())
                .as("29 days and 23:59 after")
                .isEqualTo(200);
        moved().advance(Duration.ofMinutes(2));
        HttpResponse<String> late = retry(declined.get(2));
        assertThat(late.statusCode()).as("30 days and a minute after").isEqualTo(409);
        assertThat(json(late).path("retryWindowFrom").asString()).isNotBlank();
        assertThat(transactions(orderId, "SOFT_DECLINED"))
                .as("3 first attempts, 15 retries of one, 1 of another; nothing for the refused ones")
                .isEqualTo(19);
    }

    private HttpResponse<String> retry(String billingEventId) {
        return api.post("/api/v1/billing-events/" + billingEventId + "/retry", merchant, null);
    }

    private MovableClock moved() {
        return (MovableClock) clock;
    }
}

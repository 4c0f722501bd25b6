package io.billstream.portal.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billstream.events.EventSamples;
import io.billstream.events.customer.CustomerCreated;
import io.billstream.events.customer.CustomerDetails;
import io.billstream.events.customer.CustomerDetailsChanged;
import io.billstream.platform.test.EventWriter;
import io.billstream.platform.test.RealInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The customer directory fed by order-service's events: an email's customer, the latest created winning. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class DirectoryIT {

    @Autowired
    Directory directory;

    @Test
    void anEmailBelongsToTheMerchantsCustomerCreatedLastAndFollowsAChange() {
        UUID merchantId = UUID.randomUUID();
        UUID otherMerchant = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID elsewhere = UUID.randomUUID();
        String email = "shared-" + UUID.randomUUID() + "@example.com";
        Instant now = Instant.now();
        try (EventWriter orderService = new EventWriter("order-service")) {
            orderService.publish(merchantId, new CustomerCreated(first, details(email), now.minusSeconds(60)));
            orderService.publish(
                    merchantId, new CustomerCreated(second, details("  " + email.toUpperCase() + " "), now));
            orderService.publish(otherMerchant, new CustomerCreated(elsewhere, details(email), now.plusSeconds(60)));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(directory.customerWithEmail(merchantId, email)).hasValue(second);
                assertThat(directory.customerWithEmail(otherMerchant, email.toUpperCase()))
                        .hasValue(elsewhere);
            });

            String moved = "moved-" + UUID.randomUUID() + "@example.com";
            orderService.publish(
                    merchantId,
                    new CustomerDetailsChanged(
                            second,
                            details(moved),
                            EventSamples.read(CustomerDetailsChanged.class).changedBy(),
                            Instant.now()));

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(directory.customerWithEmail(merchantId, moved))
                            .hasValue(second));
            assertThat(directory.customerWithEmail(merchantId, email)).hasValue(first);
            assertThat(directory.customerWithEmail(merchantId, "nobody@example.com"))
                    .isEqualTo(Optional.empty());
        }
    }

    private static CustomerDetails details(String email) {
        CustomerDetails sample = EventSamples.read(CustomerCreated.class).details();
        return new CustomerDetails(sample.name(), email, null, "en", sample.billingAddress(), null);
    }
}

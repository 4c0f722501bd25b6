package io.billstream.portal.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billstream.events.EventSamples;
import io.billstream.events.customer.CustomerCreated;
import io.billstream.events.customer.CustomerDetails;
import io.billstream.events.merchant.MerchantSettingsChanged;
import io.billstream.platform.test.EventWriter;
import io.billstream.platform.test.MovableClock;
import io.billstream.platform.test.RealInfrastructure;
import io.billstream.portal.token.MovedTime;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the portal page tests stand on: portal-service on real PostgreSQL and Kafka with a clock the tests move, a
 * merchant and customers fed in as order-service's events, and the stand-in notification-service that receives the
 * codes. One context for all of them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@Import(MovedTime.class)
abstract class PortalPageTest {

    static final StandInNotificationService notificationService = StandInNotificationService.INSTANCE;
    static final StandInOrderService orderServiceApi = StandInOrderService.INSTANCE;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    EventWriter orderService;
    UUID merchantId;

    @DynamicPropertySource
    static void notificationService(DynamicPropertyRegistry registry) {
        registry.add("billstream.portal.notification-service-url", notificationService::url);
        registry.add("billstream.portal.order-service-url", orderServiceApi::url);
    }

    @BeforeEach
    void aMerchant() {
        moved().reset();
        notificationService.away(false);
        orderServiceApi.away(false);
        orderService = new EventWriter("order-service");
        merchantId = UUID.randomUUID();
        orderService.publish(
                merchantId,
                new MerchantSettingsChanged(
                        merchantId,
                        EventSamples.read(MerchantSettingsChanged.class).settings(),
                        Instant.now()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("SELECT count(*) FROM merchant_copy WHERE id = :id")
                                .param("id", merchantId)
                                .query(Long.class)
                                .single()
                        == 1);
    }

    @AfterEach
    void closeWriter() {
        moved().reset();
        orderService.close();
    }

    MovableClock moved() {
        return (MovableClock) clock;
    }

    /** A browser from its own client address, as the gateway reports it. */
    PortalBrowser browser() {
        return new PortalBrowser(port).header("X-Forwarded-For", "203.0.113." + (int) (Math.random() * 250 + 1));
    }

    /** A new customer of the merchant with this email, once portal-service knows of it. */
    UUID aCustomer(String email) {
        UUID customerId = UUID.randomUUID();
        CustomerDetails sample = EventSamples.read(CustomerCreated.class).details();
        orderService.publish(
                merchantId,
                new CustomerCreated(
                        customerId,
                        new CustomerDetails(sample.name(), email, null, "en", sample.billingAddress(), null),
                        Instant.now()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("SELECT count(*) FROM customer_directory WHERE customer_id = :id")
                                .param("id", customerId)
                                .query(Long.class)
                                .single()
                        == 1);
        return customerId;
    }

    static String anEmail() {
        return "customer-" + UUID.randomUUID() + "@example.com";
    }

    /** Opens the sign-in page and asks for a code for {@code email}. */
    HttpResponse<String> askForCode(PortalBrowser browser, String email) {
        if (!browser.get("/login/" + merchantId).body().contains("_csrf")) {
            throw new AssertionError("the sign-in page has no form");
        }
        return browser.submit("/login/" + merchantId + "/code", Map.of("email", email));
    }

    /** The code of the customer's {@code number}th request (from 1), once notification-service was asked to send it. */
    String code(UUID customerId, int number) {
        List<StandInNotificationService.Request> sent = await().atMost(Duration.ofSeconds(30))
                .until(() -> notificationService.requestsFor(customerId.toString()), list -> list.size() >= number);
        return sent.get(number - 1).body().path("code").asString();
    }

    HttpResponse<String> enterCode(PortalBrowser browser, String email, String code) {
        return browser.submit("/login/" + merchantId + "/code/verify", Map.of("email", email, "code", code));
    }

    /** Signs the customer in with a code and returns the answer to the code's entry. */
    HttpResponse<String> signIn(PortalBrowser browser, UUID customerId, String email) {
        int before = notificationService.requestsFor(customerId.toString()).size();
        assertThat(askForCode(browser, email).statusCode()).isEqualTo(200);
        return enterCode(browser, email, code(customerId, before + 1));
    }

    long codesStored(String email) {
        return jdbc.sql("SELECT count(*) FROM sign_in_code WHERE email = :email")
                .param("email", email)
                .query(Long.class)
                .single();
    }
}

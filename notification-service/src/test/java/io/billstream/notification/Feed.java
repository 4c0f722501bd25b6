package io.billstream.notification;

import static io.billstream.platform.test.GoldenEvents.golden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billstream.events.EventSamples;
import io.billstream.events.Money;
import io.billstream.events.billing.PaymentApproved;
import io.billstream.events.billing.PaymentCard;
import io.billstream.events.billing.TransactionType;
import io.billstream.events.customer.CustomerCreated;
import io.billstream.events.customer.CustomerDetails;
import io.billstream.events.merchant.MerchantSettings;
import io.billstream.events.merchant.MerchantSettingsChanged;
import io.billstream.events.merchant.NotificationSettings;
import io.billstream.events.order.OrderCreated;
import io.billstream.platform.test.EventWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Feeds notification-service a merchant, its customers and their orders as order-service publishes them, and waits
 * until the service has copied what a message needs.
 */
final class Feed implements AutoCloseable {

    final UUID merchantId = UUID.randomUUID();
    final EventWriter orderService = new EventWriter("order-service");
    final EventWriter billingService = new EventWriter("billing-service");
    private final JdbcClient jdbc;

    /** A new merchant with the sample settings, sending SMS when {@code sms}. */
    Feed(JdbcClient jdbc, boolean sms) {
        this.jdbc = jdbc;
        MerchantSettings sample =
                EventSamples.read(MerchantSettingsChanged.class).settings();
        NotificationSettings toggles = sample.notifications();
        merchant(new MerchantSettings(
                sample.company(),
                sample.branding(),
                sample.defaultLocale(),
                sample.timeZone(),
                sample.retryPolicy(),
                new NotificationSettings(
                        toggles.billingEventRescheduled(),
                        toggles.billingEventSkipped(),
                        toggles.billingEventsMerged(),
                        sms),
                sample.portal(),
                sample.invoicePrefix(),
                sample.tax()));
    }

    void merchant(MerchantSettings settings) {
        orderService.publish(merchantId, new MerchantSettingsChanged(merchantId, settings, Instant.now()));
    }

    /** A new customer named {@code "Customer <language>"}, once notification-service has copied it and the merchant. */
    UUID customer(String language, String email, String phone) {
        UUID customerId = UUID.randomUUID();
        CustomerDetails sample = EventSamples.read(CustomerCreated.class).details();
        orderService.publish(
                merchantId,
                new CustomerCreated(
                        customerId,
                        new CustomerDetails(
                                "Customer " + language, email, phone, language, sample.billingAddress(), null),
                        Instant.now()));
        awaitCopies("SELECT count(*) FROM customer_copy WHERE id = :id", customerId);
        return customerId;
    }

    /** A new order of the customer, once notification-service has copied it. */
    UUID orderOf(UUID customerId) {
        UUID orderId = UUID.randomUUID();
        orderService.publish(merchantId, golden(OrderCreated.class, "orderId", orderId, "customerId", customerId));
        awaitCopies("SELECT count(*) FROM order_copy WHERE id = :id", orderId);
        return orderId;
    }

    /** A new customer writing {@code language}, and an order of theirs. */
    UUID orderOfANewCustomer(String language, String email) {
        return orderOf(customer(language, email, null));
    }

    UUID customerOf(UUID orderId) {
        return jdbc.sql("SELECT customer_id FROM order_copy WHERE id = :id")
                .param("id", orderId)
                .query(UUID.class)
                .single();
    }

    private void awaitCopies(String count, UUID id) {
        await().atMost(Inbox.WAIT)
                .untilAsserted(() -> assertThat(jdbc.sql(count + " AND (SELECT count(*) FROM merchant_copy WHERE id ="
                                        + " :merchantId) = 1")
                                .param("id", id)
                                .param("merchantId", merchantId)
                                .query(Long.class)
                                .single())
                        .isOne());
    }

    /** An approved payment of 119.00 EUR with a VISA ending in 4242, as billing-service publishes it. */
    static PaymentApproved approved(UUID orderId) {
        return new PaymentApproved(
                orderId,
                null,
                UUID.randomUUID(),
                TransactionType.PAYMENT,
                Money.of(11900, "EUR"),
                1,
                Instant.now(),
                null,
                new PaymentCard("VISA", "4242"));
    }

    /**
     * A request of portal-service's for a message carrying a secret, a code or a link, valid for {@code validFor}
     * (negative: expired already).
     */
    String secretRequest(String template, UUID customerId, UUID orderId, String code, String link, Duration validFor) {
        return """
                {"requestId": "%s", "template": "%s", "merchantId": "%s", "customerId": "%s", "orderId": %s,
                 "code": %s, "link": %s, "expiresAt": "%s"}""".formatted(
                        UUID.randomUUID(),
                        template,
                        merchantId,
                        customerId,
                        quoted(orderId),
                        quoted(code),
                        quoted(link),
                        Instant.now().plus(validFor));
    }

    private static String quoted(Object value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    @Override
    public void close() {
        orderService.close();
        billingService.close();
    }
}

package io.billstream.document;

import static io.billstream.platform.test.GoldenEvents.golden;
import static org.assertj.core.api.Assertions.assertThat;

import io.billstream.document.copy.CustomerCopies;
import io.billstream.document.copy.MerchantCopies;
import io.billstream.document.copy.OrderCopies;
import io.billstream.document.issuing.Issuing;
import io.billstream.events.EventSamples;
import io.billstream.events.Money;
import io.billstream.events.billing.PaymentApproved;
import io.billstream.events.billing.PaymentCard;
import io.billstream.events.billing.TransactionType;
import io.billstream.events.customer.CustomerCreated;
import io.billstream.events.merchant.Branding;
import io.billstream.events.merchant.MerchantSettings;
import io.billstream.events.merchant.MerchantSettingsChanged;
import io.billstream.events.order.OrderCreated;
import io.billstream.platform.test.RealInfrastructure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 1,000 invoices of one merchant issued at once on 16 threads, each applying a payment as the listener would: the
 * numbers are 1 to 1,000 with no gap and none twice, and so are the receipts'.
 */
@SpringBootTest
@RealInfrastructure
class InvoiceNumbersIT {

    @Autowired
    Issuing issuing;

    @Autowired
    MerchantCopies merchants;

    @Autowired
    CustomerCopies customers;

    @Autowired
    OrderCopies orders;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aThousandInvoicesIssuedAtOnceAreNumberedWithoutGapOrDuplicate() throws Exception {
        UUID merchantId = UUID.randomUUID();
        MerchantSettings sample =
                EventSamples.read(MerchantSettingsChanged.class).settings();
        merchants.changed(
                new MerchantSettingsChanged(
                        merchantId,
                        new MerchantSettings(
                                sample.company(),
                                new Branding(null, "#8B4513"),
                                sample.defaultLocale(),
                                sample.timeZone(),
                                sample.retryPolicy(),
                                sample.notifications(),
                                sample.portal(),
                                "INV",
                                sample.tax()),
                        Instant.now()),
                1);
        UUID customerId = UUID.randomUUID();
        customers.changed(
                merchantId, customerId, EventSamples.read(CustomerCreated.class).details(), 1);
        List<UUID> orderIds = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            UUID orderId = UUID.randomUUID();
            orders.created(merchantId, golden(OrderCreated.class, "orderId", orderId, "customerId", customerId));
            orderIds.add(orderId);
        }

        List<Future<?>> issued = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 1000; i++) {
                PaymentApproved payment = new PaymentApproved(
                        orderIds.get(i % orderIds.size()),
                        null,
                        UUID.randomUUID(),
                        TransactionType.PAYMENT,
                        Money.of(9999, "EUR"),
                        1,
                        Instant.now(),
                        null,
                        new PaymentCard("VISA", "4242"));
                issued.add(threads.submit(() -> issuing.paymentApproved(merchantId, payment)));
            }
            for (Future<?> invoice : issued) {
                invoice.get();
            }
        }

        for (String kind : List.of("INVOICE", "RECEIPT")) {
            List<Long> numbers = jdbc.sql(
                            "SELECT sequence FROM document WHERE merchant_id = :id AND kind = :kind ORDER BY sequence")
                    .param("id", merchantId)
                    .param("kind", kind)
                    .query(Long.class)
                    .list();
            assertThat(numbers)
                    .as(kind)
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, 1000).boxed().toList());
            assertThat(jdbc.sql("SELECT count(DISTINCT number) FROM document WHERE merchant_id = :id AND kind = :kind")
                            .param("id", merchantId)
                            .param("kind", kind)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1000);
        }
    }
}

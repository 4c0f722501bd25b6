package io.billstream.billing;

import static io.billstream.platform.test.GoldenEvents.golden;

import io.billstream.events.merchant.MerchantSettingsChanged;
import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.UnknownIdChecks;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "billstream.billing-run.initial-delay=1h")
@RealInfrastructure
class UnknownIdsIT extends UnknownIdChecks {

    @Override
    protected List<Read> reads() {
        return List.of(
                new Read(Kind.ORDER, "/api/v1/orders/%s/billing-events"),
                new Read(Kind.ORDER, "/api/v1/orders/%s/transactions"),
                new Read(Kind.ORDER, "/api/v1/payments?orderId=%s"),
                new Read(Kind.CUSTOMER, "/api/v1/customers/%s/cards"),
                new Read(Kind.CUSTOMER, "/api/v1/payments?customerId=%s"));
    }

    /** An order as order-service creates it, of a merchant whose settings (its time zone) it published first. */
    @Override
    protected UUID created(Kind kind, UUID merchant) {
        orderService.publish(merchant, golden(MerchantSettingsChanged.class, "merchantId", merchant));
        return super.created(kind, merchant);
    }
}

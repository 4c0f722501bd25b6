package io.billstream.order;

import io.billstream.order.customer.Customers;
import io.billstream.order.merchant.Merchants;
import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.UnknownIdChecks;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class UnknownIdsIT extends UnknownIdChecks {

    @Autowired
    Merchants merchants;

    @Autowired
    Customers customers;

    @Override
    protected List<Read> reads() {
        return List.of(new Read(Kind.CUSTOMER, "/api/v1/orders?customerId=%s"));
    }

    @Override
    protected UUID newMerchant() {
        return OrderServiceFixtures.merchant(merchants);
    }

    /** order-service is the owner: a customer it keeps. */
    @Override
    protected UUID created(Kind kind, UUID merchant) {
        return OrderServiceFixtures.customer(customers, merchant);
    }

    @Override
    protected boolean followsOrderService() {
        return false;
    }
}

package io.billstream.order;

import io.billstream.events.Address;
import io.billstream.events.EventSamples;
import io.billstream.events.customer.CustomerDetails;
import io.billstream.events.merchant.MerchantSettingsChanged;
import io.billstream.order.customer.Customers;
import io.billstream.order.merchant.Merchants;
import java.util.UUID;

/** Small builders of test data: a merchant with the golden sample's settings, and a customer of it. */
public final class OrderServiceFixtures {

    private OrderServiceFixtures() {}

    public static UUID merchant(Merchants merchants) {
        return merchants
                .create(EventSamples.read(MerchantSettingsChanged.class).settings())
                .id();
    }

    public static UUID customer(Customers customers, UUID merchantId) {
        return customers
                .create(
                        merchantId,
                        new CustomerDetails(
                                "Anna Schmidt",
                                "anna@example.com",
                                null,
                                "de",
                                new Address("Lindenallee 5", null, "10115", "Berlin", null, "DE"),
                                null))
                .id();
    }
}

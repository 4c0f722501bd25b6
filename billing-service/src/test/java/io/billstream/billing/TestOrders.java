package io.billstream.billing;

import static io.billstream.platform.test.GoldenEvents.golden;

import io.billstream.events.Money;
import io.billstream.events.order.BillingInterval;
import io.billstream.events.order.OrderCreated;
import io.billstream.events.order.PaymentPlan;
import java.time.Instant;
import java.util.UUID;

/** Orders as order-service publishes them, from its golden sample, for the tests of billing-service. */
public final class TestOrders {

    private TestOrders() {}

    /** An instalment order of {@code count} monthly instalments of {@code each} EUR cents, for a customer of its own. */
    public static OrderCreated instalments(UUID orderId, int count, long each, Instant createdAt) {
        return golden(
                OrderCreated.class,
                "orderId",
                orderId,
                "customerId",
                UUID.randomUUID(),
                "total",
                Money.of(each * count, "EUR"),
                "plan",
                new PaymentPlan(BillingInterval.MONTHLY, count, null, null),
                "createdAt",
                createdAt);
    }
}

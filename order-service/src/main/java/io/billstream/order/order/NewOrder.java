package io.billstream.order.order;

import io.billstream.events.order.BillingInterval;
import io.billstream.events.order.FirstAction;
import io.billstream.events.order.PaymentChannel;
import io.billstream.events.order.PurchaseType;
import java.util.List;
import java.util.UUID;

/**
 * What a merchant asks for when creating an order; {@link OrderRules} turns it into an order or says what is wrong.
 * Amounts are minor units of {@code currency}.
 */
public record NewOrder(
        UUID customerId,
        String reference,
        PurchaseType purchaseType,
        String currency,
        List<Line> lines,
        BillingInterval interval,
        Integer instalmentCount,
        Integer cycleLimit,
        FirstAction firstAction,
        PaymentChannel channel) {

    public record Line(String description, long quantity, long unitPrice) {}
}

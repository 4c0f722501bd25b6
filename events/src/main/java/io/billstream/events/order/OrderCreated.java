package io.billstream.events.order;

import io.billstream.events.Money;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A merchant created an order; it starts in DRAFT. */
public record OrderCreated(
        UUID orderId,
        UUID customerId,
        String reference,
        PurchaseType purchaseType,
        Money total,
        List<OrderLine> lines,
        PaymentPlan plan,
        FirstAction firstAction,
        PaymentChannel channel,
        Instant createdAt) {

    public OrderCreated {
        lines = List.copyOf(lines);
    }
}

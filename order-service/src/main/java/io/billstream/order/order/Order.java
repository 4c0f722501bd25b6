package io.billstream.order.order;

import io.billstream.events.Money;
import io.billstream.events.order.FirstAction;
import io.billstream.events.order.OrderLine;
import io.billstream.events.order.OrderStatus;
import io.billstream.events.order.PaymentChannel;
import io.billstream.events.order.PaymentPlan;
import io.billstream.events.order.PurchaseType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as the merchant sees it. */
public record Order(
        UUID id,
        UUID customerId,
        String reference,
        PurchaseType purchaseType,
        Money total,
        List<OrderLine> lines,
        PaymentPlan plan,
        FirstAction firstAction,
        PaymentChannel channel,
        OrderStatus status,
        Instant createdAt,
        Instant updatedAt) {}

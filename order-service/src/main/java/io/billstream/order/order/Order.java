package io.billstream.order.order;

import io.billstream.events.Money;
import io.billstream.events.order.FirstAction;
import io.billstream.events.order.OrderLine;
import io.billstream.events.order.OrderStatus;
import io.billstream.events.order.PaymentChannel;
import io.billstream.events.order.PaymentPlan;
import io.billstream.events.order.PurchaseType;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order as the merchant sees it.
 *
 * @param total what the order is worth now: its lines at creation, less skipped billing events, with the amount
 *     changes of rescheduled and merged ones; for an open-ended subscription or a metered order, what it has collected
 *     and has still open
 */
public record Order(
        UUID id,
        UUID customerId,
        @Schema(example = "ORD-2026-0042") String reference,
        PurchaseType purchaseType,
        Money total,
        OrderFigures figures,
        List<OrderLine> lines,
        PaymentPlan plan,
        FirstAction firstAction,
        PaymentChannel channel,
        OrderStatus status,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * Whether the order's value grows as it is billed (an open-ended subscription, a metered order) rather than being
     * fixed by its plan at creation.
     */
    boolean hasOpenSchedule() {
        return purchaseType == PurchaseType.METERED
                || (purchaseType == PurchaseType.SUBSCRIPTION && plan.cycleLimit() == null);
    }

    boolean paidInFull() {
        return figures.paid().amount() >= total.amount();
    }
}

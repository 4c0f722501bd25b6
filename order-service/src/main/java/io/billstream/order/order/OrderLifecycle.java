package io.billstream.order.order;

import static io.billstream.events.order.OrderStatus.ACTIVE;
import static io.billstream.events.order.OrderStatus.CANCELLED;
import static io.billstream.events.order.OrderStatus.COMPLETE;
import static io.billstream.events.order.OrderStatus.DRAFT;
import static io.billstream.events.order.OrderStatus.FAILED;
import static io.billstream.events.order.OrderStatus.PAUSED;
import static io.billstream.events.order.OrderStatus.PENDING;
import static io.billstream.events.order.OrderStatus.REJECTED;
import static io.billstream.events.order.OrderStatus.REVIEW;
import static io.billstream.events.order.OrderStatus.SUSPENDED;

import io.billstream.events.order.OrderStatus;
import io.billstream.events.order.PurchaseType;
import java.util.EnumSet;
import java.util.Set;

/**
 * The status table of DOMAIN.md as code: which transition is allowed from which status, for which purchase type,
 * and where it leads. Anything not listed is refused with {@link TransitionNotAllowed}, naming the current status.
 */
public final class OrderLifecycle {

    private static final Set<OrderStatus> PRELIMINARY = EnumSet.of(DRAFT, PENDING, REJECTED);
    private static final Set<OrderStatus> LIVE = EnumSet.of(ACTIVE, FAILED, SUSPENDED, PAUSED, REVIEW);

    private OrderLifecycle() {}

    /**
     * The status an order of {@code type} in {@code current} reaches through {@code transition}.
     *
     * @param paidInFull for {@link OrderTransition#FIRST_PAYMENT_APPROVED}: whether that payment settled a SINGLE
     *     order completely, which completes it at once
     * @throws TransitionNotAllowed when the table has no such row
     */
    public static OrderStatus next(
            OrderStatus current, OrderTransition transition, PurchaseType type, boolean paidInFull) {
        OrderStatus next = switch (transition) {
            case PAYMENT_LINK_SENT -> current == DRAFT || current == REJECTED ? PENDING : null;
            case FIRST_PAYMENT_APPROVED ->
                PRELIMINARY.contains(current) ? (type == PurchaseType.SINGLE && paidInFull ? COMPLETE : ACTIVE) : null;
            case VIRTUAL_TERMINAL_DECLINED -> current == DRAFT ? REJECTED : null;
            case LINK_ATTEMPT_DECLINED -> current == PENDING ? PENDING : null;
            case CANCELLED -> PRELIMINARY.contains(current) ? CANCELLED : null;
            case BILLING_EVENT_SOFT_DECLINED -> current == ACTIVE ? FAILED : null;
            case BILLING_EVENT_HARD_DECLINED, RETRIES_EXHAUSTED ->
                current == ACTIVE || current == FAILED ? SUSPENDED : null;
            case DECLINES_COLLECTED -> current == FAILED || current == SUSPENDED ? ACTIVE : null;
            case PAUSED -> type == PurchaseType.SUBSCRIPTION && current == ACTIVE ? OrderStatus.PAUSED : null;
            case RESUMED -> current == OrderStatus.PAUSED ? ACTIVE : null;
            case SUBSCRIPTION_CANCELLED ->
                type == PurchaseType.SUBSCRIPTION && LIVE.contains(current) ? CANCELLED : null;
            case OVERCOLLECTED -> type == PurchaseType.INSTALMENT && current == ACTIVE ? REVIEW : null;
            case EVERYTHING_COLLECTED -> current == ACTIVE ? COMPLETE : null;
            case MARKED_COMPLETE -> LIVE.contains(current) ? COMPLETE : null;
        };
        if (next == null) {
            throw new TransitionNotAllowed(current, transition, type);
        }
        return next;
    }
}

package io.billstream.order.order;

import static io.billstream.events.order.OrderStatus.ACTIVE;
import static io.billstream.events.order.OrderStatus.DRAFT;
import static io.billstream.events.order.OrderStatus.FAILED;
import static io.billstream.events.order.OrderStatus.PENDING;
import static io.billstream.events.order.OrderStatus.SUSPENDED;

import io.billstream.events.billing.PaymentApproved;
import io.billstream.events.billing.PaymentDeclined;
import io.billstream.events.billing.PaymentRecovered;
import io.billstream.events.order.OrderStatus;
import io.billstream.events.order.PaymentChannel;
import io.billstream.events.order.PurchaseType;
import java.util.List;
import java.util.Optional;

/**
 * Which step of the status table an order takes after a billing event changed what order-service knows of it. The
 * first payment moves a preliminary order; after that the status follows from the state: the declined billing events
 * (any declined for good: SUSPENDED; only soft declines still being retried: FAILED; none: ACTIVE, for a SUSPENDED
 * order only once what was declined is collected) and the money
 * collected (more than an instalment order's value: REVIEW; everything, with nothing left open: COMPLETE).
 */
final class BillingSteps {

    private BillingSteps() {}

    /** The step a preliminary order takes because of {@code cause}, if any. */
    static Optional<OrderTransition> firstStep(OrderStatus status, Object cause) {
        if (!status.isPreliminary()) {
            return Optional.empty();
        }
        if (cause instanceof PaymentApproved) {
            return Optional.of(OrderTransition.FIRST_PAYMENT_APPROVED);
        }
        if (cause instanceof PaymentDeclined declined) {
            // A virtual-terminal attempt declined on a DRAFT order rejects it; a link attempt declined leaves a PENDING
            // order PENDING, the customer may try again. Without a channel, the status tells which it was: no link
            // has been sent for a DRAFT order. A REJECTED order waits for a new link either way.
            PaymentChannel channel = declined.channel() != null
                    ? declined.channel()
                    : status == DRAFT ? PaymentChannel.VIRTUAL_TERMINAL : PaymentChannel.PAYMENT_LINK;
            if (status == DRAFT && channel == PaymentChannel.VIRTUAL_TERMINAL) {
                return Optional.of(OrderTransition.VIRTUAL_TERMINAL_DECLINED);
            }
            if (status == PENDING && channel == PaymentChannel.PAYMENT_LINK) {
                return Optional.of(OrderTransition.LINK_ATTEMPT_DECLINED);
            }
        }
        return Optional.empty();
    }

    /**
     * The next step a live order takes to reflect its billing events and figures; empty once its status says it all.
     * Each step changes the status, so applying steps until this is empty ends.
     */
    static Optional<OrderTransition> settle(Order order, List<BillingEventCopy> events, Object cause) {
        OrderStatus status = order.status();
        if (status != ACTIVE && status != FAILED && status != SUSPENDED) {
            return Optional.empty();
        }
        boolean hardDeclined = events.stream().anyMatch(e -> e.status() == BillingEventCopy.Status.HARD_DECLINED);
        boolean declinedForGood = events.stream().anyMatch(BillingEventCopy::declinedForGood);
        boolean beingRetried = events.stream().anyMatch(BillingEventCopy::softDeclinedAndRetried);
        if (declinedForGood) {
            if (status == SUSPENDED) {
                return Optional.empty();
            }
            return Optional.of(
                    hardDeclined ? OrderTransition.BILLING_EVENT_HARD_DECLINED : OrderTransition.RETRIES_EXHAUSTED);
        }
        if (beingRetried) {
            return status == ACTIVE ? Optional.of(OrderTransition.BILLING_EVENT_SOFT_DECLINED) : Optional.empty();
        }
        if (status == SUSPENDED && !(cause instanceof PaymentApproved || cause instanceof PaymentRecovered)) {
            // Suspended orders need a new card: only collecting what was declined lifts the suspension, not moving or
            // skipping it (the card update of issue 5 collects on the new card).
            return Optional.empty();
        }
        if (status != ACTIVE) {
            return Optional.of(OrderTransition.DECLINES_COLLECTED);
        }
        long paid = order.figures().paid().amount();
        long total = order.total().amount();
        if (order.purchaseType() == PurchaseType.INSTALMENT && paid > total) {
            return Optional.of(OrderTransition.OVERCOLLECTED);
        }
        boolean open = events.stream().anyMatch(e -> e.status() == BillingEventCopy.Status.SCHEDULED);
        if (!order.hasOpenSchedule() && !open && paid >= total) {
            return Optional.of(OrderTransition.EVERYTHING_COLLECTED);
        }
        return Optional.empty();
    }
}

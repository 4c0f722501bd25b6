package io.billstream.billing.billingevent;

import io.billstream.billing.merchant.MerchantCopies;
import io.billstream.events.billing.BillingEventCancelled;
import io.billstream.events.order.FirstAction;
import io.billstream.events.order.OrderCreated;
import io.billstream.events.order.OrderStatus;
import io.billstream.events.order.OrderStatusChanged;
import io.billstream.events.order.PaymentPlan;
import io.billstream.events.order.PurchaseType;
import io.billstream.events.order.UsageRecorded;
import io.billstream.platform.inbox.OutOfSequence;
import io.billstream.platform.inbox.ReceivedEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Follows order-service's events, in each order's sequence (ADR 9), and schedules from them: every instalment when an
 * instalment order is created; a subscription's next cycle when it becomes ACTIVE. Dates are placed in the merchant's
 * time zone ({@link Schedule}); and ends the schedule when the order ends (cancelled or completed). The usage of metered
 * orders is kept to be billed by the merchant's billing events.
 */
@Service
public class Schedules {

    private final OrderCopyRepository orders;
    private final BillingEvents billingEvents;
    private final MerchantCopies merchants;
    private final UsageCopies usageCopies;

    Schedules(
            OrderCopyRepository orders,
            BillingEvents billingEvents,
            MerchantCopies merchants,
            UsageCopies usageCopies) {
        this.orders = orders;
        this.billingEvents = billingEvents;
        this.merchants = merchants;
        this.usageCopies = usageCopies;
    }

    /** Applies one event of {@code billstream.orders}, which is keyed by order id; every type takes its place. */
    @Transactional
    public void apply(ReceivedEvent received, Object event) {
        UUID orderId = UUID.fromString(received.subject());
        if (!OutOfSequence.isNext(received, orders.lockSequence(orderId))) {
            return;
        }
        if (event instanceof OrderCreated created) {
            orders.insert(received.merchantId(), created, received.sequence());
            OrderCopy order = orders.find(received.merchantId(), orderId).orElseThrow();
            if (order.purchaseType() == PurchaseType.INSTALMENT) {
                scheduleInstalments(order, created.createdAt());
            }
            return;
        }
        OrderCopy order = orders.find(received.merchantId(), orderId).orElseThrow();
        if (event instanceof UsageRecorded usage) {
            usageCopies.insert(usage);
        }
        OrderStatus status = event instanceof OrderStatusChanged changed ? changed.to() : order.status();
        orders.applied(orderId, received.sequence(), status);
        if (event instanceof OrderStatusChanged changed
                && order.purchaseType() == PurchaseType.SUBSCRIPTION
                && "FIRST_PAYMENT_APPROVED".equals(changed.transition())
                && changed.to() == OrderStatus.ACTIVE) {
            scheduleFirstCycle(order, changed.changedAt());
        }
        if (event instanceof OrderStatusChanged changed && changed.to().isFinal()) {
            billingEvents.cancelScheduled(
                    order,
                    changed.to() == OrderStatus.CANCELLED
                            ? BillingEventCancelled.Reason.ORDER_CANCELLED
                            : BillingEventCancelled.Reason.ORDER_COMPLETED,
                    changed.changedAt());
        }
    }

    /** All instalments at once, the first at the order's creation: the first payment collects it. */
    private void scheduleInstalments(OrderCopy order, Instant start) {
        PaymentPlan plan = order.plan();
        ZoneId zone = merchants.zoneOf(order.merchantId());
        long[] amounts = Schedule.instalments(order.total().amount(), plan.instalmentCount());
        for (int i = 0; i < amounts.length; i++) {
            billingEvents.schedule(order, i + 1, amounts[i], Schedule.after(start, zone, plan.interval(), i));
        }
    }

    /**
     * The first cycle billed by the schedule, counted from when the subscription became ACTIVE, which is cycle 1's
     * date: a first payment collected cycle 1, so the schedule starts with cycle 2 an interval later; after a card
     * registration it starts with cycle 1 at once.
     */
    private void scheduleFirstCycle(OrderCopy order, Instant activatedAt) {
        orders.cyclesFrom(order.id(), activatedAt);
        scheduleCycle(
                orders.find(order.merchantId(), order.id()).orElseThrow(),
                order.firstAction() == FirstAction.PAYMENT ? 2 : 1);
    }

    /**
     * Schedules cycle {@code cycle} of a subscription, none once a fixed term is over: the first, and the next one
     * after a collected or skipped cycle.
     */
    void scheduleCycle(OrderCopy order, int cycle) {
        PaymentPlan plan = order.plan();
        // An ended subscription has no next cycle: a charge settled, or a cycle skipped, after the end schedules none.
        if ((plan.cycleLimit() != null && cycle > plan.cycleLimit())
                || order.status().isFinal()) {
            return;
        }
        ZoneId zone = merchants.zoneOf(order.merchantId());
        billingEvents.schedule(
                order,
                cycle,
                plan.amountPerCycle().amount(),
                Schedule.after(order.cyclesFrom(), zone, plan.interval(), cycle - 1));
    }
}

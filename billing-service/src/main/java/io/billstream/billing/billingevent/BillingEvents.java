package io.billstream.billing.billingevent;

import io.billstream.events.Money;
import io.billstream.events.billing.BillingEventCancelled;
import io.billstream.events.billing.BillingEventScheduled;
import io.billstream.events.order.PurchaseType;
import io.billstream.platform.outbox.EventPublisher;
import io.billstream.platform.web.InvalidRequest;
import io.billstream.platform.web.InvalidRequest.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The billing events of an order: scheduled from its plan ({@link Schedules}) or, for METERED orders, by the merchant. */
@Service
public class BillingEvents {

    private final BillingEventRepository billingEvents;
    private final OrderCopyRepository orders;
    private final CurrentOrders currentOrders;
    private final EventPublisher events;
    private final UsageCopies usageCopies;
    private final TransactionTemplate transaction;
    private final Clock clock;

    BillingEvents(
            BillingEventRepository billingEvents,
            OrderCopyRepository orders,
            CurrentOrders currentOrders,
            EventPublisher events,
            UsageCopies usageCopies,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.billingEvents = billingEvents;
        this.orders = orders;
        this.currentOrders = currentOrders;
        this.transaction = new TransactionTemplate(transactions);
        this.events = events;
        this.usageCopies = usageCopies;
        this.clock = clock;
    }

    /** The order's billing events, once its copy has every change order-service answered for it (ADR 13). */
    public List<BillingEvent> of(UUID merchantId, UUID orderId) {
        currentOrders.require(merchantId, orderId);
        return billingEvents.of(orderId);
    }

    /**
     * A billing event the merchant creates for a METERED order: {@code amount} minor units of the order's currency, or
     * when that is absent all the order's usage no billing event bills yet; collected at {@code scheduledAt}, or at
     * once when that is absent. Usage order-service answered for before this is in it: the order's copy is current
     * first (ADR 13).
     */
    public BillingEvent create(UUID merchantId, UUID orderId, Long amount, Instant scheduledAt) {
        currentOrders.await(merchantId, orderId);
        return transaction.execute(status -> createOnCurrent(merchantId, orderId, amount, scheduledAt));
    }

    private BillingEvent createOnCurrent(UUID merchantId, UUID orderId, Long amount, Instant scheduledAt) {
        OrderCopy order = orders.find(merchantId, orderId).orElseThrow(() -> new OrderNotFound(orderId));
        if (order.purchaseType() != PurchaseType.METERED || order.status().isFinal()) {
            throw new BillingEventNotAllowed(order.purchaseType(), order.status());
        }
        Instant now = clock.instant();
        List<FieldError> errors = new ArrayList<>();
        if (amount != null && (amount < 1 || amount > Money.LARGEST)) {
            errors.add(new FieldError("amount", "must be 1 to " + Money.LARGEST + " minor units"));
        }
        if (scheduledAt != null && scheduledAt.isBefore(now)) {
            errors.add(new FieldError("scheduledAt", "must not be in the past"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        Instant at = scheduledAt == null ? now : scheduledAt;
        if (amount != null) {
            return schedule(order, null, amount, at, null);
        }
        orders.lockSequence(orderId);
        List<UsageCopies.OpenUsage> usage = usageCopies.open(orderId);
        long total = usage.stream().mapToLong(UsageCopies.OpenUsage::amount).sum();
        if (usage.isEmpty() || total < 1 || total > Money.LARGEST) {
            throw new InvalidRequest(List.of(new FieldError(
                    "amount",
                    usage.isEmpty()
                            ? "is required: the order has no usage to bill"
                            : "is required: the order's open usage comes to " + total + " minor units")));
        }
        List<UUID> usageIds = usage.stream().map(UsageCopies.OpenUsage::id).toList();
        return schedule(order, null, total, at, usageIds);
    }

    /** Adds one SCHEDULED billing event to the order's schedule and publishes it. */
    BillingEvent schedule(OrderCopy order, Integer number, long amount, Instant scheduledAt) {
        return schedule(order, number, amount, scheduledAt, null);
    }

    /** The same, billing {@code usageIds} of a metered order. */
    private BillingEvent schedule(
            OrderCopy order, Integer number, long amount, Instant scheduledAt, List<UUID> usageIds) {
        BillingEvent event = insert(order, number, amount, scheduledAt);
        if (usageIds != null) {
            usageCopies.billedBy(usageIds, event.id());
        }
        events.publish(
                order.merchantId(),
                new BillingEventScheduled(
                        order.id(), event.id(), event.amount(), scheduledAt, number, usageIds, event.createdAt()));
        return event;
    }

    /**
     * Ends the schedule with its order: each SCHEDULED billing event no charge has claimed becomes CANCELLED, its usage
     * free to be billed again, and is published as BillingEventCancelled. A charge already under way settles as usual.
     */
    void cancelScheduled(OrderCopy order, BillingEventCancelled.Reason reason, Instant at) {
        for (BillingEvent event : billingEvents.scheduledNotInFlight(order.id())) {
            billingEvents.cancel(event.id(), reason);
            usageCopies.release(event.id());
            events.publish(
                    order.merchantId(), new BillingEventCancelled(order.id(), event.id(), event.amount(), reason, at));
        }
    }

    /** The SCHEDULED billing event that replaces merged ones; BillingEventMerged announces it. */
    BillingEvent replacement(OrderCopy order, long amount, Instant scheduledAt) {
        return insert(order, null, amount, scheduledAt);
    }

    private BillingEvent insert(OrderCopy order, Integer number, long amount, Instant scheduledAt) {
        BillingEvent event = BillingEvent.scheduled(
                order.id(), number, new Money(amount, order.total().currency()), scheduledAt, clock.instant());
        billingEvents.insert(order.merchantId(), event);
        return event;
    }
}

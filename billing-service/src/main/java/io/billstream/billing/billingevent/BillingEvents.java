package io.billstream.billing.billingevent;

import io.billstream.events.Money;
import io.billstream.events.billing.BillingEventScheduled;
import io.billstream.events.order.PurchaseType;
import io.billstream.platform.outbox.EventPublisher;
import io.billstream.platform.web.InvalidRequest;
import io.billstream.platform.web.InvalidRequest.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The billing events of an order: scheduled from its plan ({@link Schedules}) or, for METERED orders, by the merchant. */
@Service
public class BillingEvents {

    private final BillingEventRepository billingEvents;
    private final OrderCopyRepository orders;
    private final EventPublisher events;
    private final Clock clock;

    BillingEvents(
            BillingEventRepository billingEvents, OrderCopyRepository orders, EventPublisher events, Clock clock) {
        this.billingEvents = billingEvents;
        this.orders = orders;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<BillingEvent> of(UUID merchantId, UUID orderId) {
        orders.find(merchantId, orderId).orElseThrow(() -> new OrderNotFound(orderId));
        return billingEvents.of(orderId);
    }

    /**
     * A billing event the merchant creates for a METERED order: {@code amount} minor units of the order's currency,
     * collected at {@code scheduledAt}, or at once when that is absent.
     */
    @Transactional
    public BillingEvent create(UUID merchantId, UUID orderId, long amount, Instant scheduledAt) {
        OrderCopy order = orders.find(merchantId, orderId).orElseThrow(() -> new OrderNotFound(orderId));
        if (order.purchaseType() != PurchaseType.METERED || order.status().isFinal()) {
            throw new BillingEventNotAllowed(order.purchaseType(), order.status());
        }
        Instant now = clock.instant();
        if (amount < 1 || amount > Money.LARGEST) {
            throw new InvalidRequest(
                    List.of(new FieldError("amount", "must be 1 to " + Money.LARGEST + " minor units")));
        }
        if (scheduledAt != null && scheduledAt.isBefore(now)) {
            throw new InvalidRequest(List.of(new FieldError("scheduledAt", "must not be in the past")));
        }
        return schedule(order, null, amount, scheduledAt == null ? now : scheduledAt);
    }

    /** Adds one SCHEDULED billing event to the order's schedule and publishes it. */
    BillingEvent schedule(OrderCopy order, Integer number, long amount, Instant scheduledAt) {
        BillingEvent event = insert(order, number, amount, scheduledAt);
        events.publish(
                order.merchantId(),
                new BillingEventScheduled(
                        order.id(), event.id(), event.amount(), scheduledAt, number, null, event.createdAt()));
        return event;
    }

    /** The SCHEDULED billing event that replaces merged ones; BillingEventMerged announces it. */
    BillingEvent replacement(OrderCopy order, long amount, Instant scheduledAt) {
        return insert(order, null, amount, scheduledAt);
    }

    private BillingEvent insert(OrderCopy order, Integer number, long amount, Instant scheduledAt) {
        BillingEvent event = new BillingEvent(
                UUID.randomUUID(),
                order.id(),
                number,
                new Money(amount, order.total().currency()),
                scheduledAt,
                BillingEventStatus.SCHEDULED,
                0,
                null,
                clock.instant());
        billingEvents.insert(order.merchantId(), event);
        return event;
    }
}

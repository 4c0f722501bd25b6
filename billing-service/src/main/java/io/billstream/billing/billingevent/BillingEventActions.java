package io.billstream.billing.billingevent;

import io.billstream.billing.processor.ProcessorUnavailable;
import io.billstream.events.Money;
import io.billstream.events.billing.BillingEventMerged;
import io.billstream.events.billing.BillingEventRescheduled;
import io.billstream.events.billing.BillingEventRetried;
import io.billstream.events.billing.BillingEventSkipped;
import io.billstream.events.order.OrderStatus;
import io.billstream.events.order.PurchaseType;
import io.billstream.platform.outbox.EventPublisher;
import io.billstream.platform.web.InvalidRequest;
import io.billstream.platform.web.InvalidRequest.FieldError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The merchant's skip, reschedule, merge, retry and execute now, each checked against the billing event's status before anything
 * changes, each under the order's lock so that two actions on one order run one after the other, and each published.
 */
@Service
public class BillingEventActions {

    /** DOMAIN.md: at most 15 retries within 30 days of the soft decline, automatic ones included. */
    static final int MAX_RETRIES = 15;

    static final Duration RETRY_WINDOW = Duration.ofDays(30);

    private final BillingEventRepository billingEvents;
    private final OrderCopyRepository orders;
    private final CurrentOrders currentOrders;
    private final BillingEvents schedule;
    private final Schedules schedules;
    private final EventPublisher events;
    private final BillingRunRepository charges;
    private final BillingRun run;
    private final UsageCopies usageCopies;
    private final TransactionTemplate transaction;
    private final Clock clock;

    BillingEventActions(
            BillingEventRepository billingEvents,
            OrderCopyRepository orders,
            CurrentOrders currentOrders,
            BillingEvents schedule,
            Schedules schedules,
            EventPublisher events,
            BillingRunRepository charges,
            BillingRun run,
            UsageCopies usageCopies,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.billingEvents = billingEvents;
        this.orders = orders;
        this.currentOrders = currentOrders;
        this.schedule = schedule;
        this.schedules = schedules;
        this.events = events;
        this.charges = charges;
        this.run = run;
        this.usageCopies = usageCopies;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Collects a SCHEDULED event early; the rest of the schedule stays. Should it soft-decline, its 30 days of retries
     * start at its scheduled date.
     */
    public BillingEvent executeNow(UUID merchantId, UUID id) {
        return chargeNow(merchantId, id, BillingEventAction.EXECUTE_NOW);
    }

    /** Charges a soft-declined event again on the same card, within 15 retries and 30 days of the soft decline. */
    public BillingEvent retry(UUID merchantId, UUID id) {
        return chargeNow(merchantId, id, BillingEventAction.RETRY);
    }

    /**
     * Claims the event in a transaction of its own, which stores the attempt with its idempotency key before the
     * processor is called, then charges and settles it as the billing run does.
     */
    private BillingEvent chargeNow(UUID merchantId, UUID id, BillingEventAction action) {
        awaitCurrentOrderOf(merchantId, id);
        Charge charge = transaction.execute(status -> {
            BillingEvent event = locked(merchantId, id);
            action.check(event);
            OrderCopy order = orders.find(merchantId, event.orderId()).orElseThrow();
            if (order.status() != OrderStatus.ACTIVE && order.status() != OrderStatus.FAILED) {
                throw new NotChargeable(
                        "the order is " + order.status() + "; only ACTIVE and FAILED orders are charged",
                        Map.of("orderStatus", order.status().name()));
            }
            if (action == BillingEventAction.RETRY) {
                checkRetryLimits(event);
            }
            Charge claimed = charges.claimOne(id, clock.instant())
                    .orElseThrow(() -> new NotChargeable("the order has no card", Map.of()));
            if (action == BillingEventAction.RETRY) {
                events.publish(
                        merchantId, new BillingEventRetried(event.orderId(), id, claimed.attempt(), clock.instant()));
            }
            return claimed;
        });
        if (!run.collect(charge)) {
            throw new ProcessorUnavailable("it turned the charge away");
        }
        return billingEvents.find(merchantId, id).orElseThrow();
    }

    private void checkRetryLimits(BillingEvent event) {
        int retries = event.attempts() - 1;
        if (retries >= MAX_RETRIES) {
            throw new NotChargeable(
                    "billing event " + event.id() + " was retried " + retries + " times, the most allowed",
                    Map.of("retries", retries));
        }
        Instant windowFrom = charges.retryWindowFrom(event.id()).orElse(clock.instant());
        if (clock.instant().isAfter(windowFrom.plus(RETRY_WINDOW))) {
            throw new NotChargeable(
                    "retries of billing event " + event.id() + " ended 30 days after " + windowFrom,
                    Map.of("retryWindowFrom", windowFrom.toString()));
        }
    }

    /** Skips the event: it will not be collected; a subscription goes on with its next cycle. */
    public BillingEvent skip(UUID merchantId, UUID id) {
        awaitCurrentOrderOf(merchantId, id);
        return transaction.execute(status -> skipCurrent(merchantId, id));
    }

    private BillingEvent skipCurrent(UUID merchantId, UUID id) {
        BillingEvent event = locked(merchantId, id);
        BillingEventAction.SKIP.check(event);
        BillingEvent skipped = event.withdrawn(BillingEventStatus.SKIPPED, null);
        billingEvents.update(skipped);
        usageCopies.release(id);
        events.publish(merchantId, new BillingEventSkipped(event.orderId(), id, event.amount(), clock.instant()));
        OrderCopy order = orders.find(merchantId, event.orderId()).orElseThrow();
        if (order.purchaseType() == PurchaseType.SUBSCRIPTION && event.number() != null) {
            schedules.scheduleCycle(order, event.number() + 1);
        }
        return skipped;
    }

    /** A new date, a new amount, or both; the event is SCHEDULED again. An amount of 0 is refused: skip instead. */
    public BillingEvent reschedule(UUID merchantId, UUID id, Long amount, Instant scheduledAt) {
        List<FieldError> errors = new ArrayList<>();
        if (amount == null && scheduledAt == null) {
            errors.add(new FieldError("amount", "give a new amount, a new scheduledAt, or both"));
        }
        checkAmount(amount, errors);
        checkFuture(scheduledAt, "scheduledAt", errors);
        refuse(errors);
        awaitCurrentOrderOf(merchantId, id);
        return transaction.execute(status -> rescheduleCurrent(merchantId, id, amount, scheduledAt));
    }

    private BillingEvent rescheduleCurrent(UUID merchantId, UUID id, Long amount, Instant scheduledAt) {
        BillingEvent event = locked(merchantId, id);
        BillingEventAction.RESCHEDULE.check(event);
        BillingEvent rescheduled = event.rescheduled(
                amount == null
                        ? event.amount()
                        : new Money(amount, event.amount().currency()),
                scheduledAt == null ? event.scheduledAt() : scheduledAt);
        billingEvents.update(rescheduled);
        events.publish(
                merchantId,
                new BillingEventRescheduled(
                        event.orderId(),
                        id,
                        event.amount(),
                        rescheduled.amount(),
                        event.scheduledAt(),
                        rescheduled.scheduledAt(),
                        clock.instant()));
        return rescheduled;
    }

    /**
     * Replaces two or more events of the order with one new SCHEDULED event: their sum unless another amount is given,
     * collected at the first merged event's date, at once, or at a later date.
     */
    public BillingEvent merge(
            UUID merchantId, UUID orderId, List<UUID> ids, Long amount, MergeDate when, Instant scheduledAt) {
        List<FieldError> errors = new ArrayList<>();
        LinkedHashSet<UUID> distinct = new LinkedHashSet<>(ids == null ? List.of() : ids);
        if (distinct.size() < 2) {
            errors.add(new FieldError("billingEventIds", "name two or more different billing events"));
        }
        checkAmount(amount, errors);
        if (when == MergeDate.LATER) {
            if (scheduledAt == null) {
                errors.add(new FieldError("scheduledAt", "is required when the date is LATER"));
            }
            checkFuture(scheduledAt, "scheduledAt", errors);
        } else if (scheduledAt != null) {
            errors.add(new FieldError("scheduledAt", "is only for the date LATER"));
        }
        refuse(errors);
        currentOrders.await(merchantId, orderId);
        return transaction.execute(status -> mergeCurrent(merchantId, orderId, distinct, amount, when, scheduledAt));
    }

    private BillingEvent mergeCurrent(
            UUID merchantId,
            UUID orderId,
            LinkedHashSet<UUID> distinct,
            Long amount,
            MergeDate when,
            Instant scheduledAt) {
        OrderCopy order = orders.find(merchantId, orderId).orElseThrow(() -> new OrderNotFound(orderId));
        orders.lockSequence(orderId);
        List<BillingEvent> merged = new ArrayList<>();
        for (UUID id : distinct) {
            // Another order's event is as unknown here as one that does not exist.
            BillingEvent event = billingEvents
                    .findForUpdate(merchantId, id)
                    .filter(found -> found.orderId().equals(orderId))
                    .orElseThrow(() -> new BillingEventNotFound(id));
            BillingEventAction.MERGE.check(event);
            merged.add(event);
        }
        long sum = merged.stream().mapToLong(e -> e.amount().amount()).sum();
        Instant now = clock.instant();
        Instant date = switch (when == null ? MergeDate.FIRST_EVENT : when) {
            case FIRST_EVENT ->
                merged.stream()
                        .map(BillingEvent::scheduledAt)
                        .min(Comparator.naturalOrder())
                        .orElseThrow();
            case NOW -> now;
            case LATER -> scheduledAt;
        };
        BillingEvent replacement = schedule.replacement(order, amount == null ? sum : amount, date);
        for (BillingEvent event : merged) {
            billingEvents.update(event.withdrawn(BillingEventStatus.MERGED, replacement.id()));
        }
        usageCopies.move(merged.stream().map(BillingEvent::id).toList(), replacement.id());
        events.publish(
                merchantId,
                new BillingEventMerged(
                        orderId,
                        merged.stream().map(BillingEvent::id).toList(),
                        replacement.id(),
                        replacement.amount(),
                        date,
                        now));
        return replacement;
    }

    /**
     * Waits until the copy of the event's order is current, so that the action sees every change order-service has
     * answered for it (ADR 13); {@link BillingEventNotFound} for another merchant's event or none.
     */
    private void awaitCurrentOrderOf(UUID merchantId, UUID id) {
        BillingEvent event = billingEvents.find(merchantId, id).orElseThrow(() -> new BillingEventNotFound(id));
        currentOrders.await(merchantId, event.orderId());
    }

    /**
     * The merchant's billing event, locked after its order: every change of an order's schedule locks the order first,
     * so that two of them never wait for each other.
     */
    private BillingEvent locked(UUID merchantId, UUID id) {
        BillingEvent event = billingEvents.find(merchantId, id).orElseThrow(() -> new BillingEventNotFound(id));
        orders.lockSequence(event.orderId());
        return billingEvents.findForUpdate(merchantId, id).orElseThrow();
    }

    private static void checkAmount(Long amount, List<FieldError> errors) {
        if (amount != null && amount == 0) {
            errors.add(new FieldError("amount", "must not be 0: skip the billing event instead"));
        } else if (amount != null && (amount < 0 || amount > Money.LARGEST)) {
            errors.add(new FieldError("amount", "must be 1 to " + Money.LARGEST + " minor units"));
        }
    }

    private void checkFuture(Instant at, String field, List<FieldError> errors) {
        if (at != null && at.isBefore(clock.instant())) {
            errors.add(new FieldError(field, "must not be in the past"));
        }
    }

    private static void refuse(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
    }
}

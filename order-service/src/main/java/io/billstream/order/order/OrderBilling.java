package io.billstream.order.order;

import io.billstream.events.Actor;
import io.billstream.events.Money;
import io.billstream.events.billing.BillingEventCancelled;
import io.billstream.events.billing.BillingEventMerged;
import io.billstream.events.billing.BillingEventRescheduled;
import io.billstream.events.billing.BillingEventScheduled;
import io.billstream.events.billing.BillingEventSkipped;
import io.billstream.events.billing.CreditIssued;
import io.billstream.events.billing.PaymentApproved;
import io.billstream.events.billing.PaymentDeclined;
import io.billstream.events.billing.PaymentRecovered;
import io.billstream.events.billing.PaymentRetriesExhausted;
import io.billstream.events.billing.RefundIssued;
import io.billstream.order.order.BillingEventCopy.Status;
import io.billstream.platform.inbox.OutOfSequence;
import io.billstream.platform.inbox.ReceivedEvent;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How an order follows billing-service's events: the total and figures, the copies of its billing events, and the
 * status steps they lead to, each kept in the timeline with the SYSTEM as actor. The events of one order are applied
 * strictly in their sequence: a redelivered one changes nothing, and one that overtook an earlier one waits on the
 * dead-letter topic behind it ({@link OutOfSequence}).
 */
@Service
public class OrderBilling {

    private static final Logger log = LoggerFactory.getLogger(OrderBilling.class);

    /** No status change leads through more steps than this (preliminary, ACTIVE, then COMPLETE or REVIEW). */
    private static final int MAX_STEPS = 4;

    private final OrderRepository orders;
    private final BillingEventCopyRepository billingEvents;
    private final UsageRepository usage;
    private final Orders lifecycle;

    OrderBilling(
            OrderRepository orders, BillingEventCopyRepository billingEvents, UsageRepository usage, Orders lifecycle) {
        this.orders = orders;
        this.billingEvents = billingEvents;
        this.usage = usage;
        this.lifecycle = lifecycle;
    }

    /**
     * Applies one event of {@code billstream.billing}, which is keyed by order id. Every event of the topic takes its
     * place in the order's sequence, also one of a type without effect on the order.
     */
    @Transactional
    public void apply(ReceivedEvent received, Object event) {
        UUID merchantId = received.merchantId();
        UUID orderId = UUID.fromString(received.subject());
        Optional<Long> lastApplied = orders.lockBillingSequence(merchantId, orderId);
        if (lastApplied.isEmpty()) {
            log.warn(
                    "Billing event of an unknown order ignored orderId='{}' merchantId='{}' type='{}'",
                    orderId,
                    merchantId,
                    received.type());
            return;
        }
        if (!OutOfSequence.isNext(received, lastApplied.get())) {
            return;
        }
        Order order = orders.find(merchantId, orderId).orElseThrow();
        OrderAmounts amounts = change(order, event);
        if (order.hasOpenSchedule()) {
            amounts = amounts.withTotal(billedSoFar(orderId, amounts));
        }
        orders.billingApplied(orderId, received.sequence(), amounts);
        follow(merchantId, orderId, event);
    }

    /**
     * The order's total and figures after {@code event}, whose effect on the billing event copies is stored. The total
     * changes as DOMAIN.md says for an order whose plan fixes it; an open schedule's is computed afterwards.
     */
    private OrderAmounts change(Order order, Object event) {
        UUID orderId = order.id();
        OrderAmounts figures = OrderAmounts.of(order);
        switch (event) {
            case BillingEventScheduled e -> {
                long amount = amountOf(order, e.amount());
                billingEvents.save(orderId, new BillingEventCopy(e.billingEventId(), amount, Status.SCHEDULED, false));
                if (e.usageRecordIds() != null) {
                    usage.markInvoiced(orderId, e.usageRecordIds(), e.billingEventId());
                }
            }
            case BillingEventRescheduled e -> {
                long amount = amountOf(order, e.amount());
                billingEvents.save(orderId, new BillingEventCopy(e.billingEventId(), amount, Status.SCHEDULED, false));
                figures = figures.withTotal(figures.total() + amount - amountOf(order, e.previousAmount()));
            }
            case BillingEventSkipped e -> {
                long amount = amountOf(order, e.amount());
                billingEvents.save(orderId, new BillingEventCopy(e.billingEventId(), amount, Status.SKIPPED, false));
                // What the skipped event was to invoice is open again, for the next event that bills usage.
                usage.release(orderId, e.billingEventId());
                figures = figures.withTotal(figures.total() - amount).withSkipped(figures.skipped() + amount);
            }
            case BillingEventMerged e -> {
                long merged = 0;
                for (UUID id : e.mergedBillingEventIds()) {
                    BillingEventCopy copy =
                            billingEvents.find(orderId, id).orElse(new BillingEventCopy(id, 0, Status.MERGED, false));
                    merged += copy.amount();
                    billingEvents.save(orderId, new BillingEventCopy(id, copy.amount(), Status.MERGED, false));
                }
                long amount = amountOf(order, e.amount());
                billingEvents.save(
                        orderId, new BillingEventCopy(e.newBillingEventId(), amount, Status.SCHEDULED, false));
                usage.moveTo(orderId, e.mergedBillingEventIds(), e.newBillingEventId());
                figures = figures.withTotal(figures.total() + amount - merged);
            }
            case BillingEventCancelled e -> {
                // The order ended: the event is no longer open, and what it was to invoice may be billed again. A
                // total fixed by the plan stays the order's agreed value; an open schedule's follows by itself.
                long amount = amountOf(order, e.amount());
                billingEvents.save(orderId, new BillingEventCopy(e.billingEventId(), amount, Status.CANCELLED, false));
                usage.release(orderId, e.billingEventId());
            }
            case PaymentApproved e -> {
                long amount = amountOf(order, e.amount());
                if (e.billingEventId() != null) {
                    Status was = billingEvents
                            .find(orderId, e.billingEventId())
                            .map(BillingEventCopy::status)
                            .orElse(Status.SCHEDULED);
                    collected(order, e.billingEventId(), amount, was.declined() ? Status.RECOVERED : Status.COMPLETED);
                }
                if (e.transactionType().collectsMoney() && orders.firstCount(orderId, e.transactionId(), "PAYMENT")) {
                    figures = figures.withPaid(figures.paid() + amount);
                }
            }
            case PaymentRecovered e ->
                collected(order, e.billingEventId(), amountOf(order, e.amount()), Status.RECOVERED);
            case PaymentDeclined e -> {
                if (e.billingEventId() != null) {
                    Status status = switch (e.kind()) {
                        case SOFT -> Status.SOFT_DECLINED;
                        case HARD -> Status.HARD_DECLINED;
                    };
                    billingEvents.save(
                            orderId,
                            new BillingEventCopy(e.billingEventId(), amountOf(order, e.amount()), status, false));
                }
            }
            case PaymentRetriesExhausted e ->
                billingEvents
                        .find(orderId, e.billingEventId())
                        .ifPresent(copy -> billingEvents.save(
                                orderId, new BillingEventCopy(copy.id(), copy.amount(), copy.status(), true)));
            case RefundIssued e -> {
                if (orders.firstCount(orderId, e.refundId(), "REFUND")) {
                    figures = figures.withRefunded(figures.refunded() + amountOf(order, e.amount()));
                }
            }
            case CreditIssued e -> {
                if (orders.firstCount(orderId, e.creditId(), "CREDIT")) {
                    figures = figures.withCredited(figures.credited() + amountOf(order, e.amount()));
                }
            }
            default -> {
                // Other events of the topic (retries, newer types) change nothing order-service keeps.
            }
        }
        return figures;
    }

    /**
     * The total of an open-ended subscription or a metered order, which no plan fixes: what it has collected and what
     * is still open (scheduled or declined). Until anything is collected or scheduled, the value at creation stays.
     */
    private long billedSoFar(UUID orderId, OrderAmounts amounts) {
        List<BillingEventCopy> events = billingEvents.of(orderId);
        if (amounts.paid() == 0 && events.isEmpty()) {
            return amounts.total();
        }
        long open = events.stream()
                .filter(e -> e.status() == Status.SCHEDULED || e.status().declined())
                .mapToLong(BillingEventCopy::amount)
                .sum();
        return amounts.paid() + open;
    }

    private void collected(Order order, UUID billingEventId, long amount, Status status) {
        billingEvents.save(order.id(), new BillingEventCopy(billingEventId, amount, status, false));
    }

    /** Takes the status steps the event leads to: the first payment's, then those the order's state calls for. */
    private void follow(UUID merchantId, UUID orderId, Object event) {
        String reason = reason(event);
        Order order = orders.find(merchantId, orderId).orElseThrow();
        Optional<OrderTransition> first = BillingSteps.firstStep(order.status(), event);
        if (first.isPresent()) {
            order = lifecycle.take(merchantId, order, first.get(), Actor.SYSTEM, reason);
        }
        for (int step = 0; step < MAX_STEPS; step++) {
            Optional<OrderTransition> next = BillingSteps.settle(order, billingEvents.of(orderId), event);
            if (next.isEmpty()) {
                return;
            }
            order = lifecycle.take(merchantId, order, next.get(), Actor.SYSTEM, reason);
        }
        throw new IllegalStateException("order " + orderId + " did not settle after " + MAX_STEPS + " steps");
    }

    private static long amountOf(Order order, Money money) {
        if (!money.currency().equals(order.total().currency())) {
            throw new IllegalArgumentException("a billing event in " + money.currency() + " for order " + order.id()
                    + " in " + order.total().currency());
        }
        return money.amount();
    }

    /** Why the order moved, for its timeline. */
    private static String reason(Object event) {
        return switch (event) {
            case PaymentApproved e ->
                e.transactionType() + " " + e.transactionId() + " approved"
                        + (e.billingEventId() == null ? "" : " for billing event " + e.billingEventId());
            case PaymentDeclined e ->
                e.declinedTransaction() + " " + e.transactionId() + " declined " + e.kind() + " (code " + e.code() + ")"
                        + (e.billingEventId() == null ? "" : " for billing event " + e.billingEventId());
            case PaymentRecovered e -> "billing event " + e.billingEventId() + " recovered";
            case PaymentRetriesExhausted e ->
                "billing event " + e.billingEventId() + " out of retries after " + e.attempts() + " attempts";
            case BillingEventSkipped e -> "billing event " + e.billingEventId() + " skipped";
            case BillingEventRescheduled e -> "billing event " + e.billingEventId() + " rescheduled";
            case BillingEventMerged e -> "billing events merged into " + e.newBillingEventId();
            case BillingEventCancelled e -> "billing event " + e.billingEventId() + " cancelled: " + e.reason();
            default -> "billing";
        };
    }
}

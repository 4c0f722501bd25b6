package io.billstream.billing.billingevent;

import io.billstream.billing.card.Cards;
import io.billstream.billing.merchant.MerchantCopies;
import io.billstream.billing.processor.PaymentProcessor;
import io.billstream.billing.processor.ProcessorOutcome;
import io.billstream.billing.processor.ProcessorTimeout;
import io.billstream.billing.processor.ProcessorUnavailable;
import io.billstream.events.billing.DeclineKind;
import io.billstream.events.billing.PaymentApproved;
import io.billstream.events.billing.PaymentDeclined;
import io.billstream.events.billing.PaymentRecovered;
import io.billstream.events.billing.PaymentRetriesExhausted;
import io.billstream.events.billing.TransactionType;
import io.billstream.events.order.PurchaseType;
import io.billstream.platform.copy.OwnerUnavailable;
import io.billstream.platform.crash.CrashPoints;
import io.billstream.platform.outbox.EventPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Collects due billing events: claims a batch ({@code FOR UPDATE SKIP LOCKED}, so that several instances share the
 * work), charges the whole batch at once on virtual threads, and settles each charge in a transaction of its own with
 * its outcome event; then the next batch, until none is due. Memory holds one batch, whatever is due. While the
 * processor is down (its circuit breaker open) the run claims nothing and waits for the next round; charges it turned
 * away are released and sent again under the same key. A claim is charged only if order-service confirms that the
 * order's copy it was decided on was current (ADR 13): a pause or cancellation answered there is never followed by a
 * charge here.
 */
@Service
public class BillingRun {

    private static final Logger log = LoggerFactory.getLogger(BillingRun.class);

    private final BillingRunRepository run;
    private final OrderCopyRepository orders;
    private final CurrentOrders currentOrders;
    private final Schedules schedules;
    private final PaymentProcessor processor;
    private final MerchantCopies merchants;
    private final Cards cards;
    private final EventPublisher events;
    private final CrashPoints crashPoints;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final int batchSize;

    BillingRun(
            BillingRunRepository run,
            OrderCopyRepository orders,
            CurrentOrders currentOrders,
            Schedules schedules,
            PaymentProcessor processor,
            MerchantCopies merchants,
            Cards cards,
            EventPublisher events,
            CrashPoints crashPoints,
            PlatformTransactionManager transactions,
            Clock clock,
            @Value("${billstream.billing-run.batch-size:200}") int batchSize) {
        this.run = run;
        this.orders = orders;
        this.currentOrders = currentOrders;
        this.schedules = schedules;
        this.processor = processor;
        this.merchants = merchants;
        this.cards = cards;
        this.events = events;
        this.crashPoints = crashPoints;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.batchSize = batchSize;
    }

    @Scheduled(
            fixedDelayString = "${billstream.billing-run.interval:10s}",
            initialDelayString = "${billstream.billing-run.initial-delay:10s}")
    void scheduled() {
        int charged = collectDue();
        if (charged > 0) {
            log.info("Billing run charged count='{}'", charged);
        }
    }

    /**
     * Charges every billing event due now, batch by batch (due ones, then due automatic retries, then arrears of
     * replaced cards); the number of charges made. First, soft declines whose 30 days of retries ended unused are
     * declared exhausted.
     */
    public int collectDue() {
        transaction.executeWithoutResult(status -> run.exhaust(clock.instant())
                .forEach(exhausted -> events.publish(
                        exhausted.merchantId(),
                        new PaymentRetriesExhausted(
                                exhausted.orderId(),
                                exhausted.billingEventId(),
                                exhausted.attempts(),
                                clock.instant()))));
        int charged = 0;
        // Orders whose copy was behind order-service when their events were claimed: not claimed again this round.
        Set<UUID> passedOver = new HashSet<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            while (processor.acceptsRequests()) {
                Instant now = clock.instant();
                List<Charge> claimed = transaction.execute(status -> run.claim(now, batchSize, Set.copyOf(passedOver)));
                if (claimed == null || claimed.isEmpty()) {
                    return charged;
                }
                List<Charge> batch = decidedOnCurrentCopies(claimed, passedOver);
                if (batch == null) {
                    return charged;
                }
                List<Future<Boolean>> inFlight = batch.stream()
                        .map(charge -> threads.submit(() -> collect(charge)))
                        .toList();
                int sent = 0;
                for (Future<Boolean> charge : inFlight) {
                    try {
                        sent += charge.get() ? 1 : 0;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return charged;
                    } catch (ExecutionException e) {
                        // One charge's failure leaves its event claimed for the reconciler; the others go on.
                        log.error("Charge failed", e.getCause());
                        sent++;
                    }
                }
                charged += sent;
                if (sent < batch.size()) {
                    // The processor turned some away: the run waits for the next round rather than press on.
                    log.warn("Processor unavailable, billing run paused released='{}'", batch.size() - sent);
                    return charged;
                }
            }
            log.warn("Processor unavailable, billing run waits");
            return charged;
        }
    }

    /**
     * Collects, at once, the arrears of an order whose card was just replaced: its declined events not attempted on the
     * new card, and its overdue ones. The scheduled run collects them too, should this not run.
     */
    public int recover(UUID orderId) {
        Instant now = clock.instant();
        List<Charge> claimed = transaction.execute(status -> run.claimArrears(orderId, now, batchSize, Set.of()));
        if (claimed == null || claimed.isEmpty()) {
            return 0;
        }
        List<Charge> arrears = decidedOnCurrentCopies(claimed, new HashSet<>());
        if (arrears == null || arrears.isEmpty()) {
            // The scheduled run collects them once the copy has caught up, or order-service answers again.
            return 0;
        }
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            arrears.forEach(charge -> threads.submit(() -> collect(charge)));
        }
        // Arrears the processor turned away are released: the scheduled run collects them once it is back.
        return arrears.size();
    }

    /**
     * The claimed charges that were decided on a current copy of their order (ADR 13): one that order-service has
     * changed since, paused or cancelled, say, is released, and its order passed over for the rest of the round. Null,
     * with every charge released, when order-service cannot be asked: nothing is charged on a copy that may lag.
     */
    private List<Charge> decidedOnCurrentCopies(List<Charge> claimed, Set<UUID> passedOver) {
        List<Charge> current;
        try {
            current = currentOrders.decidedOnCurrentCopies(claimed);
        } catch (OwnerUnavailable unavailable) {
            log.warn("Billing run waits: order-service cannot confirm the orders cause='{}'", unavailable.getMessage());
            transaction.executeWithoutResult(status -> claimed.forEach(run::release));
            return null;
        }
        if (current.size() < claimed.size()) {
            Set<UUID> kept = current.stream().map(Charge::transactionId).collect(Collectors.toSet());
            List<Charge> behind = claimed.stream()
                    .filter(charge -> !kept.contains(charge.transactionId()))
                    .toList();
            transaction.executeWithoutResult(status -> behind.forEach(run::release));
            behind.forEach(charge -> passedOver.add(charge.orderId()));
            log.info("Billing run passed over orders whose copy is behind count='{}'", behind.size());
        }
        return current;
    }

    /**
     * Charges one claimed billing event and settles the outcome; a lost answer leaves it claimed. Whether the charge
     * was sent: one the processor turned away is released, due again as if never claimed, and is sent next time
     * under the same key.
     */
    boolean collect(Charge charge) {
        ProcessorOutcome outcome;
        try {
            // The attempt is stored with its key; the processor has nothing yet.
            crashPoints.reach("billing-run.before-charge");
            outcome = processor.charge(charge.idempotencyKey(), charge.cardToken(), charge.amount());
            // The processor charged; nothing of its answer is stored.
            crashPoints.reach("billing-run.after-charge");
        } catch (ProcessorTimeout timeout) {
            log.warn(
                    "Charge outcome unknown billingEventId='{}' key='{}'",
                    charge.billingEventId(),
                    charge.idempotencyKey());
            transaction.executeWithoutResult(status -> run.unknown(charge));
            return true;
        } catch (ProcessorUnavailable unavailable) {
            transaction.executeWithoutResult(status -> run.release(charge));
            return false;
        }
        settleOnce(charge, outcome);
        // Settled and committed; its outcome event is in the outbox, not yet on Kafka.
        crashPoints.reach("billing-run.after-commit");
        return true;
    }

    /**
     * Settles a charge with the processor's answer unless it was settled already: the reconciler and a late answer
     * never settle, nor publish, one charge twice.
     */
    void settleOnce(Charge charge, ProcessorOutcome outcome) {
        transaction.executeWithoutResult(status -> {
            if (run.stillUnanswered(charge)) {
                settle(charge, outcome);
                // Everything of the settlement written, nothing committed.
                crashPoints.reach("billing-run.before-commit");
            }
        });
    }

    /** The transaction's outcome, the event's status and the outcome event, in one transaction. */
    private void settle(Charge charge, ProcessorOutcome outcome) {
        Instant now = clock.instant();
        BillingEventStatus status = switch (outcome.result()) {
            // An approval after an earlier attempt collects a declined event: RECOVERED.
            case APPROVED -> charge.attempt() > 1 ? BillingEventStatus.RECOVERED : BillingEventStatus.COMPLETED;
            case SOFT_DECLINED -> BillingEventStatus.SOFT_DECLINED;
            case HARD_DECLINED -> BillingEventStatus.HARD_DECLINED;
        };
        run.settle(charge, outcome, status, now);
        if (outcome.approved()) {
            events.publish(
                    charge.merchantId(),
                    new PaymentApproved(
                            charge.orderId(),
                            charge.billingEventId(),
                            charge.transactionId(),
                            TransactionType.PAYMENT,
                            charge.amount(),
                            charge.attempt(),
                            now,
                            null,
                            cards.shown(charge.cardId()).orElse(null)));
            if (status == BillingEventStatus.RECOVERED) {
                events.publish(
                        charge.merchantId(),
                        new PaymentRecovered(
                                charge.orderId(),
                                charge.billingEventId(),
                                charge.transactionId(),
                                charge.amount(),
                                charge.attempt(),
                                now));
            }
            OrderCopy order = orders.find(charge.merchantId(), charge.orderId()).orElseThrow();
            if (order.purchaseType() == PurchaseType.SUBSCRIPTION && charge.number() != null) {
                schedules.scheduleCycle(order, charge.number() + 1);
            }
        } else {
            boolean soft = outcome.result() == ProcessorOutcome.Result.SOFT_DECLINED;
            RetrySchedule.Next next = soft
                    ? RetrySchedule.after(
                            merchants.retryPolicyOf(charge.merchantId()),
                            run.retryWindowFrom(charge.billingEventId()).orElseThrow(),
                            charge.attempt(),
                            now)
                    : new RetrySchedule.Exhausted();
            Instant nextRetryAt = next instanceof RetrySchedule.RetryAt retry ? retry.at() : null;
            run.retryAt(charge.billingEventId(), nextRetryAt);
            events.publish(
                    charge.merchantId(),
                    new PaymentDeclined(
                            charge.orderId(),
                            charge.billingEventId(),
                            charge.transactionId(),
                            charge.amount(),
                            soft ? DeclineKind.SOFT : DeclineKind.HARD,
                            outcome.code(),
                            charge.attempt(),
                            nextRetryAt,
                            now,
                            TransactionType.PAYMENT,
                            null));
            if (soft && next instanceof RetrySchedule.Exhausted) {
                // Declined for good: order-service suspends the order until the card is replaced.
                run.exhausted(charge.billingEventId(), now);
                events.publish(
                        charge.merchantId(),
                        new PaymentRetriesExhausted(charge.orderId(), charge.billingEventId(), charge.attempt(), now));
            }
        }
    }
}

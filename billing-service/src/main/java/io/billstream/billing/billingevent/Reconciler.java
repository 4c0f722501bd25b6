package io.billstream.billing.billingevent;

import io.billstream.billing.payment.NewTransaction;
import io.billstream.billing.payment.PaymentTransactions;
import io.billstream.billing.payment.Refunds;
import io.billstream.billing.payment.TransactionKind;
import io.billstream.billing.payment.Unanswered;
import io.billstream.billing.processor.PaymentProcessor;
import io.billstream.billing.processor.ProcessorOutcome;
import io.billstream.billing.processor.ProcessorRefusal;
import io.billstream.billing.processor.ProcessorTimeout;
import io.billstream.billing.processor.ProcessorUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles the transactions whose answer never arrived, the billing run's charges as well as first steps, captures
 * and refunds: lost in a timeout (UNKNOWN), or never recorded because the service stopped mid-request (PENDING for
 * longer than any request takes). It asks the processor under the transaction's own idempotency key and settles with
 * what the processor did; a request the processor never received is sent again under that same key. Nothing is ever
 * sent under a new key, so nothing is charged or refunded twice.
 */
@Service
public class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final BillingRunRepository run;
    private final BillingRun billingRun;
    private final PaymentProcessor processor;
    private final PaymentTransactions transactions;
    private final FirstPayments firstPayments;
    private final Refunds refunds;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration staleAfter;

    Reconciler(
            BillingRunRepository run,
            BillingRun billingRun,
            PaymentProcessor processor,
            PaymentTransactions transactions,
            FirstPayments firstPayments,
            Refunds refunds,
            PlatformTransactionManager transactionManager,
            Clock clock,
            @Value("${billstream.reconciler.stale-after:2m}") Duration staleAfter) {
        this.run = run;
        this.billingRun = billingRun;
        this.processor = processor;
        this.transactions = transactions;
        this.firstPayments = firstPayments;
        this.refunds = refunds;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.staleAfter = staleAfter;
    }

    @Scheduled(
            fixedDelayString = "${billstream.reconciler.interval:30s}",
            initialDelayString = "${billstream.reconciler.initial-delay:30s}")
    void scheduled() {
        int settled = reconcile();
        if (settled > 0) {
            log.info("Reconciled charges count='{}'", settled);
        }
    }

    /**
     * Settles what it can of the unanswered transactions, up to 200 of each sort at a time: the billing run's charges,
     * then first steps, captures and refunds; how many were settled.
     */
    public int reconcile() {
        Instant staleBefore = clock.instant().minus(staleAfter);
        List<Charge> charges = transaction.execute(status -> run.unanswered(staleBefore, 200));
        int settled = 0;
        for (Charge charge : charges == null ? List.<Charge>of() : charges) {
            Optional<Boolean> answered = reconcile(
                    charge.idempotencyKey(),
                    () -> processor.charge(charge.idempotencyKey(), charge.cardToken(), charge.amount()),
                    outcome -> billingRun.settleOnce(charge, outcome));
            if (answered.isEmpty()) {
                return settled;
            }
            settled += answered.get() ? 1 : 0;
        }
        for (Unanswered lost : transactions.unanswered(staleBefore, 200)) {
            NewTransaction sent = lost.transaction();
            Optional<Boolean> answered = reconcile(sent.idempotencyKey(), () -> sendAgain(lost), outcome -> {
                if (sent.type() == TransactionKind.REFUND) {
                    refunds.settle(sent, outcome);
                } else {
                    firstPayments.settleLost(lost, outcome);
                }
            });
            if (answered.isEmpty()) {
                return settled;
            }
            settled += answered.get() ? 1 : 0;
        }
        return settled;
    }

    /**
     * Asks the processor what it did under {@code key}, sends the request again under that key if it never received
     * it, and settles with the answer. Whether it was settled; empty when the processor is unavailable, and the
     * reconciler waits for its next round.
     */
    private Optional<Boolean> reconcile(
            String key, Supplier<ProcessorOutcome> sendAgain, Consumer<ProcessorOutcome> settle) {
        try {
            settle.accept(processor.outcomeOf(key).orElseGet(sendAgain));
            return Optional.of(true);
        } catch (ProcessorTimeout stillLost) {
            log.warn("Outcome still unknown key='{}'", key);
        } catch (ProcessorUnavailable unavailable) {
            log.warn("Processor unavailable, reconciler waits key='{}'", key);
            return Optional.empty();
        } catch (ProcessorRefusal refused) {
            // Sent again on a card removed since: the processor no longer knows its token. Left for an operator.
            log.error("Could not be sent again key='{}' reason='{}'", key, refused.getMessage());
        }
        return Optional.of(false);
    }

    /** The request of a lost first step, capture or refund, exactly as it was first sent. */
    private ProcessorOutcome sendAgain(Unanswered lost) {
        NewTransaction sent = lost.transaction();
        String key = sent.idempotencyKey();
        return switch (sent.type()) {
            case PAYMENT -> processor.charge(key, lost.cardToken(), sent.amount());
            case PRE_AUTHORISATION -> processor.authorise(key, lost.cardToken(), sent.amount());
            case CARD_REGISTRATION -> processor.verify(key, lost.cardToken());
            case CAPTURE -> processor.capture(key, lost.parentReference(), sent.amount());
            case REFUND -> processor.refund(key, lost.parentReference(), sent.amount());
        };
    }
}

package io.billstream.billing.billingevent;

import io.billstream.billing.processor.PaymentProcessor;
import io.billstream.billing.processor.ProcessorOutcome;
import io.billstream.billing.processor.ProcessorRefusal;
import io.billstream.billing.processor.ProcessorTimeout;
import io.billstream.billing.processor.ProcessorUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles the billing run's charges whose answer never arrived: lost in a timeout (UNKNOWN), or never recorded because
 * the service stopped mid-charge (PENDING for longer than any charge takes). It asks the processor under the charge's
 * own idempotency key and settles with what the processor did; a charge the processor never received is sent again
 * under that same key. Nothing is ever charged under a new key, so nothing is charged twice.
 */
@Service
public class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final BillingRunRepository run;
    private final BillingRun billingRun;
    private final PaymentProcessor processor;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration staleAfter;

    Reconciler(
            BillingRunRepository run,
            BillingRun billingRun,
            PaymentProcessor processor,
            PlatformTransactionManager transactions,
            Clock clock,
            @Value("${billstream.reconciler.stale-after:2m}") Duration staleAfter) {
        this.run = run;
        this.billingRun = billingRun;
        this.processor = processor;
        this.transaction = new TransactionTemplate(transactions);
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

    /** Settles what it can of the unanswered charges, up to 200 at a time; how many were settled. */
    public int reconcile() {
        List<Charge> unanswered =
                transaction.execute(status -> run.unanswered(clock.instant().minus(staleAfter), 200));
        int settled = 0;
        for (Charge charge : unanswered == null ? List.<Charge>of() : unanswered) {
            try {
                Optional<ProcessorOutcome> known = processor.outcomeOf(charge.idempotencyKey());
                ProcessorOutcome outcome = known.isPresent()
                        ? known.get()
                        : processor.charge(charge.idempotencyKey(), charge.cardToken(), charge.amount());
                billingRun.settleOnce(charge, outcome);
                settled++;
            } catch (ProcessorTimeout stillLost) {
                log.warn("Charge outcome still unknown key='{}'", charge.idempotencyKey());
            } catch (ProcessorUnavailable unavailable) {
                log.warn("Processor unavailable, reconciler waits unsettled='{}'", unanswered.size() - settled);
                break;
            } catch (ProcessorRefusal refused) {
                // Sent again on a card removed since: the processor no longer knows its token. Left for an operator.
                log.error(
                        "Charge could not be sent again key='{}' reason='{}'",
                        charge.idempotencyKey(),
                        refused.getMessage());
            }
        }
        return settled;
    }
}

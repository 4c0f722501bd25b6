package io.billstream.billing.payment;

import io.billstream.billing.processor.PaymentProcessor;
import io.billstream.billing.processor.ProcessorOutcome;
import io.billstream.billing.processor.ProcessorRefusal;
import io.billstream.billing.processor.ProcessorTimeout;
import io.billstream.billing.processor.ProcessorUnavailable;
import io.billstream.events.Money;
import io.billstream.events.billing.RefundIssued;
import io.billstream.platform.outbox.EventPublisher;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Full or partial refunds of approved payments and captures, never more than is left: the payment is locked while its
 * refund is stored as PENDING, and PENDING and UNKNOWN refunds count against what is left until they are answered.
 */
@Service
public class Refunds {

    private final PaymentTransactions transactions;
    private final PaymentProcessor processor;
    private final EventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    Refunds(
            PaymentTransactions transactions,
            PaymentProcessor processor,
            EventPublisher events,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.transactions = transactions;
        this.processor = processor;
        this.events = events;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * Refunds {@code amount} minor units of the payment, all that is left when absent; the refund transaction
     * afterwards: APPROVED and published as {@code RefundIssued}, or UNKNOWN when the processor's answer was lost.
     *
     * @param requestKey the request's {@code Idempotency-Key}, if it has one: the refund's id is derived from it, so a
     *     request run again (its first run died after the processor refunded, and the key's lease ran out) finds the
     *     refund it made instead of making a second one
     */
    public Transaction refund(UUID merchantId, UUID paymentId, Long amount, String reason, String requestKey) {
        UUID id = requestKey == null
                ? UUID.randomUUID()
                : UUID.nameUUIDFromBytes(
                        ("refund " + merchantId + " " + paymentId + " " + requestKey).getBytes(StandardCharsets.UTF_8));
        NewTransaction refund = transaction.execute(status -> {
            Transaction payment =
                    transactions.lock(merchantId, paymentId).orElseThrow(() -> new TransactionNotFound(paymentId));
            if (transactions.find(merchantId, id).isPresent()) {
                return null;
            }
            if (!payment.type().collects() || payment.status() != TransactionStatus.APPROVED) {
                throw new NotRefundable(
                        "only approved payments and captures are refunded; this is a " + payment.status() + " "
                                + payment.type(),
                        Map.of(
                                "type",
                                payment.type().name(),
                                "status",
                                payment.status().name()));
            }
            long left = payment.refundable().amount();
            long asked = amount == null ? left : amount;
            if (asked < 1 || asked > left) {
                throw new NotRefundable(
                        "a refund of this payment is 1 to " + left + " minor units, asked " + asked,
                        Map.of("refundable", payment.refundable()));
            }
            NewTransaction pending = new NewTransaction(
                    id,
                    merchantId,
                    payment.orderId(),
                    payment.billingEventId(),
                    payment.id(),
                    payment.cardId(),
                    TransactionKind.REFUND,
                    new Money(asked, payment.amount().currency()),
                    null,
                    "refund-" + id,
                    1,
                    reason);
            transactions.pending(pending, clock.instant());
            return pending;
        });
        if (refund == null) {
            // Made by an earlier run of this request; the reconciler settles it if its answer is missing.
            return transactions.find(merchantId, id).orElseThrow();
        }
        String paymentReference = transactions.processorReference(paymentId);
        try {
            ProcessorOutcome outcome = processor.refund(refund.idempotencyKey(), paymentReference, refund.amount());
            settle(refund, outcome);
        } catch (ProcessorTimeout timeout) {
            transaction.executeWithoutResult(status -> transactions.unknown(refund.id()));
        } catch (ProcessorUnavailable unavailable) {
            // Never sent: the refund was not made, and what it held of the payment is free again.
            transaction.executeWithoutResult(status -> transactions.discard(refund.id()));
            throw unavailable;
        } catch (ProcessorRefusal refusal) {
            transaction.executeWithoutResult(
                    status -> transactions.end(refund.id(), TransactionStatus.REFUSED, clock.instant()));
            throw new RefusedByProcessor(refusal.getMessage());
        }
        return transactions.find(merchantId, refund.id()).orElseThrow();
    }

    /**
     * Records the processor's answer to the refund, and publishes {@code RefundIssued} if approved; unless it was
     * answered already: the reconciler and a late answer settle one refund once.
     */
    public void settle(NewTransaction refund, ProcessorOutcome outcome) {
        transaction.executeWithoutResult(status -> {
            if (!transactions.awaitingAnswer(refund.id())) {
                return;
            }
            Instant now = clock.instant();
            transactions.settle(refund.id(), outcome, now);
            if (outcome.approved()) {
                events.publish(
                        refund.merchantId(),
                        new RefundIssued(
                                refund.orderId(),
                                refund.id(),
                                refund.parentId(),
                                refund.amount(),
                                refund.reason(),
                                now));
            }
        });
    }
}

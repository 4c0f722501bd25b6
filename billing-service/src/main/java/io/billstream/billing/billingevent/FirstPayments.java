package io.billstream.billing.billingevent;

import io.billstream.billing.card.Card;
import io.billstream.billing.card.Cards;
import io.billstream.billing.payment.NewTransaction;
import io.billstream.billing.payment.PaymentTransactions;
import io.billstream.billing.payment.RefusedByProcessor;
import io.billstream.billing.payment.Transaction;
import io.billstream.billing.payment.TransactionKind;
import io.billstream.billing.payment.TransactionNotFound;
import io.billstream.billing.payment.TransactionStatus;
import io.billstream.billing.payment.Unanswered;
import io.billstream.billing.processor.PaymentProcessor;
import io.billstream.billing.processor.ProcessorOutcome;
import io.billstream.billing.processor.ProcessorRefusal;
import io.billstream.billing.processor.ProcessorTimeout;
import io.billstream.billing.processor.ProcessorUnavailable;
import io.billstream.events.Money;
import io.billstream.events.billing.DeclineKind;
import io.billstream.events.billing.PaymentApproved;
import io.billstream.events.billing.PaymentCard;
import io.billstream.events.billing.PaymentDeclined;
import io.billstream.events.order.OrderStatus;
import io.billstream.events.order.PaymentChannel;
import io.billstream.events.order.PurchaseType;
import io.billstream.platform.outbox.EventPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An order's first step, as its first action says: a payment, a pre-authorisation (captured or voided later) or a card
 * registration, through the checkout of a payment link or the merchant's virtual terminal. Each is stored as PENDING
 * with its idempotency key before the processor is asked, and an order has at most one first step in flight or
 * approved, so two checkouts never both charge. The outcome is published with its channel; the approved card becomes
 * the customer's and the order's.
 */
@Service
public class FirstPayments {

    /** First steps that hold the order: in flight, answer lost, or done. A declined one may be tried again. */
    private static final Set<TransactionStatus> HOLDING = EnumSet.of(
            TransactionStatus.PENDING, TransactionStatus.UNKNOWN, TransactionStatus.APPROVED, TransactionStatus.VOIDED);

    private final OrderCopyRepository orders;
    private final CurrentOrders currentOrders;
    private final BillingEventRepository billingEvents;
    private final PaymentTransactions transactions;
    private final Cards cards;
    private final OrderCards orderCards;
    private final PaymentProcessor processor;
    private final EventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    FirstPayments(
            OrderCopyRepository orders,
            CurrentOrders currentOrders,
            BillingEventRepository billingEvents,
            PaymentTransactions transactions,
            Cards cards,
            OrderCards orderCards,
            PaymentProcessor processor,
            EventPublisher events,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.orders = orders;
        this.currentOrders = currentOrders;
        this.billingEvents = billingEvents;
        this.transactions = transactions;
        this.cards = cards;
        this.orderCards = orderCards;
        this.processor = processor;
        this.events = events;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * Who makes the first step and with which card.
     *
     * @param customerId the customer paying through its link; absent for the merchant's virtual terminal
     * @param token a new card from the hosted card fields, stored as the customer's once approved
     * @param cardId or a card the customer has
     */
    public record FirstStep(UUID merchantId, UUID customerId, PaymentChannel channel, String token, UUID cardId) {}

    /** A first step stored as PENDING, with what sending and settling it needs. */
    private record Prepared(NewTransaction transaction, String token, boolean newCard, UUID customerId) {}

    /** Makes the order's first step; the transaction afterwards (APPROVED, declined, or UNKNOWN if the answer was lost). */
    public Transaction make(UUID orderId, FirstStep step) {
        // An order order-service answered for a moment ago is found, and a cancellation answered there is seen (ADR
        // 13).
        currentOrders.await(step.merchantId(), orderId);
        Prepared prepared = transaction.execute(status -> prepare(orderId, step));
        NewTransaction pending = prepared.transaction();
        ProcessorOutcome outcome = send(pending, () -> switch (pending.type()) {
            case PAYMENT -> processor.charge(pending.idempotencyKey(), prepared.token(), pending.amount());
            case PRE_AUTHORISATION -> processor.authorise(pending.idempotencyKey(), prepared.token(), pending.amount());
            case CARD_REGISTRATION -> processor.verify(pending.idempotencyKey(), prepared.token());
            case CAPTURE, REFUND -> throw new IllegalStateException("not a first step: " + pending.type());
        });
        if (outcome != null) {
            transaction.executeWithoutResult(status -> settle(prepared, outcome));
        }
        return transactions.find(pending.merchantId(), pending.id()).orElseThrow();
    }

    private Prepared prepare(UUID orderId, FirstStep step) {
        OrderCopy order = orders.find(step.merchantId(), orderId)
                .filter(found -> step.customerId() == null || found.customerId().equals(step.customerId()))
                .orElseThrow(() -> new OrderNotFound(orderId));
        orders.lockSequence(orderId);
        order = orders.find(step.merchantId(), orderId).orElseThrow();
        if (!order.status().isPreliminary()) {
            throw new FirstStepNotAllowed(
                    "the order is " + order.status() + ": its first step is behind it",
                    Map.of("currentStatus", order.status().name()));
        }
        var steps = transactions.firstSteps(orderId);
        steps.stream()
                .filter(made -> HOLDING.contains(made.status()))
                .findFirst()
                .ifPresent(made -> {
                    throw new FirstStepNotAllowed(
                            "the order's first step " + made.id() + " is " + made.status(),
                            Map.of(
                                    "transactionId",
                                    made.id().toString(),
                                    "transactionStatus",
                                    made.status().name()));
                });
        String token;
        UUID cardId = null;
        if (step.token() != null) {
            cards.details(step.token());
            token = step.token();
        } else {
            Card card = cards.ofCustomer(step.merchantId(), order.customerId(), step.cardId());
            cardId = card.id();
            token = cards.token(card.id()).orElseThrow();
        }
        TransactionKind type = TransactionKind.valueOf(order.firstAction().name());
        Money amount = Money.zero(order.total().currency());
        UUID billingEventId = null;
        if (type != TransactionKind.CARD_REGISTRATION) {
            if (order.purchaseType() == PurchaseType.INSTALMENT) {
                BillingEvent first = billingEvents.firstInstalment(orderId).orElseThrow();
                amount = first.amount();
                billingEventId = type == TransactionKind.PAYMENT ? first.id() : null;
            } else if (order.purchaseType() == PurchaseType.SUBSCRIPTION) {
                amount = order.plan().amountPerCycle();
            } else {
                amount = order.total();
            }
            if (amount.amount() < 1) {
                throw new FirstStepNotAllowed(
                        "the order has nothing to pay yet: its first step can only register a card",
                        Map.of("amount", amount.amount()));
            }
        }
        int attempt = steps.size() + 1;
        NewTransaction pending = new NewTransaction(
                UUID.randomUUID(),
                step.merchantId(),
                orderId,
                billingEventId,
                null,
                cardId,
                type,
                amount,
                step.channel(),
                "order-" + orderId + "-first-step-" + attempt,
                attempt,
                null);
        transactions.pending(pending, clock.instant());
        if (step.token() != null) {
            transactions.cardToken(pending.id(), token);
        }
        return new Prepared(pending, token, step.token() != null, order.customerId());
    }

    /**
     * Settles a first step or a capture whose answer the reconciler found (or got by sending it again under its key),
     * as an answer in time would have: the new card stored, the events published.
     */
    public void settleLost(Unanswered lost, ProcessorOutcome outcome) {
        NewTransaction step = lost.transaction();
        if (step.type() == TransactionKind.CAPTURE) {
            settleCapture(step, outcome);
        } else {
            Prepared prepared = new Prepared(step, lost.cardToken(), step.cardId() == null, lost.customerId());
            transaction.executeWithoutResult(status -> settle(prepared, outcome));
        }
    }

    /** Unless it was answered already: a late answer and the reconciler settle one step once. */
    private void settle(Prepared prepared, ProcessorOutcome outcome) {
        NewTransaction step = prepared.transaction();
        Instant now = clock.instant();
        orders.lockSequence(step.orderId());
        if (!transactions.awaitingAnswer(step.id())) {
            return;
        }
        transactions.settle(step.id(), outcome, now);
        if (!outcome.approved()) {
            declined(step, outcome, now);
            return;
        }
        Card card = prepared.newCard()
                ? cards.registerApproved(step.merchantId(), prepared.customerId(), prepared.token())
                : cards.ofCustomer(step.merchantId(), prepared.customerId(), step.cardId());
        transactions.card(step.id(), card.id());
        orderCards.assign(orders.find(step.merchantId(), step.orderId()).orElseThrow(), card);
        if (step.billingEventId() != null) {
            billingEvents.collectedByFirstStep(step.billingEventId());
        }
        events.publish(
                step.merchantId(),
                new PaymentApproved(
                        step.orderId(),
                        step.billingEventId(),
                        step.id(),
                        step.type().type(),
                        step.amount(),
                        step.attempt(),
                        now,
                        step.channel(),
                        new PaymentCard(card.brand(), card.last4())));
    }

    /**
     * Captures an approved pre-authorisation, all of it when {@code amount} is absent; once: the rest is released. An
     * instalment order's capture collects its first instalment.
     */
    public Transaction capture(UUID merchantId, UUID authorisationId, Long amount) {
        awaitCurrentOrderOf(merchantId, authorisationId);
        NewTransaction capture = transaction.execute(status -> {
            Transaction authorisation = capturable(merchantId, authorisationId);
            long asked = amount == null ? authorisation.amount().amount() : amount;
            if (asked < 1 || asked > authorisation.amount().amount()) {
                throw new FirstStepNotAllowed(
                        "a capture of this authorisation is 1 to "
                                + authorisation.amount().amount() + " minor units, asked " + asked,
                        Map.of("authorised", authorisation.amount()));
            }
            orders.lockSequence(authorisation.orderId());
            OrderCopy order = orders.find(merchantId, authorisation.orderId()).orElseThrow();
            if (order.status() == OrderStatus.CANCELLED) {
                throw new FirstStepNotAllowed(
                        "the order is CANCELLED: nothing more is collected for it; void the pre-authorisation",
                        Map.of("currentStatus", order.status().name()));
            }
            UUID billingEventId = order.purchaseType() == PurchaseType.INSTALMENT
                    ? billingEvents
                            .firstInstalment(order.id())
                            .map(BillingEvent::id)
                            .orElse(null)
                    : null;
            NewTransaction pending = new NewTransaction(
                    UUID.randomUUID(),
                    merchantId,
                    authorisation.orderId(),
                    billingEventId,
                    authorisation.id(),
                    authorisation.cardId(),
                    TransactionKind.CAPTURE,
                    new Money(asked, authorisation.amount().currency()),
                    // Not a first step of its own: the authorisation was.
                    null,
                    // One capture per authorisation: its key is the authorisation's.
                    "capture-" + authorisation.id(),
                    1,
                    null);
            transactions.pending(pending, clock.instant());
            return pending;
        });
        String reference = transactions.processorReference(authorisationId);
        ProcessorOutcome outcome =
                send(capture, () -> processor.capture(capture.idempotencyKey(), reference, capture.amount()));
        if (outcome != null) {
            settleCapture(capture, outcome);
        }
        return transactions.find(merchantId, capture.id()).orElseThrow();
    }

    /** Records the capture's answer, unless it was answered already; an approval collects the first instalment. */
    private void settleCapture(NewTransaction capture, ProcessorOutcome outcome) {
        transaction.executeWithoutResult(status -> {
            Instant now = clock.instant();
            orders.lockSequence(capture.orderId());
            if (!transactions.awaitingAnswer(capture.id())) {
                return;
            }
            transactions.settle(capture.id(), outcome, now);
            if (!outcome.approved()) {
                declined(capture, outcome, now);
                return;
            }
            if (capture.billingEventId() != null) {
                billingEvents.collectedByFirstStep(capture.billingEventId());
            }
            events.publish(
                    capture.merchantId(),
                    new PaymentApproved(
                            capture.orderId(),
                            capture.billingEventId(),
                            capture.id(),
                            TransactionKind.CAPTURE.type(),
                            capture.amount(),
                            1,
                            now,
                            null,
                            cards.shown(capture.cardId()).orElse(null)));
        });
    }

    /** Voids an approved pre-authorisation that nothing was captured of: the reservation is released, nothing moves. */
    public Transaction release(UUID merchantId, UUID authorisationId) {
        awaitCurrentOrderOf(merchantId, authorisationId);
        Transaction authorisation = transaction.execute(status -> capturable(merchantId, authorisationId));
        try {
            processor.release(
                    "void-" + authorisationId,
                    transactions.processorReference(authorisationId),
                    authorisation.amount());
        } catch (ProcessorRefusal refusal) {
            throw new RefusedByProcessor(refusal.getMessage());
        }
        transaction.executeWithoutResult(
                status -> transactions.end(authorisationId, TransactionStatus.VOIDED, clock.instant()));
        return transactions.find(merchantId, authorisationId).orElseThrow();
    }

    /** Waits until the copy of the transaction's order is current (ADR 13); 404 for another merchant's or none. */
    private void awaitCurrentOrderOf(UUID merchantId, UUID transactionId) {
        Transaction made =
                transactions.find(merchantId, transactionId).orElseThrow(() -> new TransactionNotFound(transactionId));
        currentOrders.await(merchantId, made.orderId());
    }

    /** The merchant's approved pre-authorisation with nothing captured of it, locked; 409 otherwise. */
    private Transaction capturable(UUID merchantId, UUID authorisationId) {
        Transaction authorisation = transactions
                .lock(merchantId, authorisationId)
                .orElseThrow(() -> new TransactionNotFound(authorisationId));
        if (authorisation.type() != TransactionKind.PRE_AUTHORISATION
                || authorisation.status() != TransactionStatus.APPROVED) {
            throw new FirstStepNotAllowed(
                    "only approved pre-authorisations are captured or voided; this is a " + authorisation.status() + " "
                            + authorisation.type(),
                    Map.of(
                            "type",
                            authorisation.type().name(),
                            "status",
                            authorisation.status().name()));
        }
        if (transactions.captured(authorisationId) > 0) {
            throw new FirstStepNotAllowed(
                    "pre-authorisation " + authorisationId + " was captured", Map.of("status", "CAPTURED"));
        }
        return authorisation;
    }

    /**
     * Sends a stored transaction; null when the processor's answer was lost (the transaction stays UNKNOWN, to be
     * asked for under its key). A refusal ends it as REFUSED and answers 422; one the processor turned away is
     * discarded and answers 503.
     */
    private ProcessorOutcome send(NewTransaction pending, Supplier<ProcessorOutcome> request) {
        try {
            return request.get();
        } catch (ProcessorTimeout timeout) {
            transaction.executeWithoutResult(status -> transactions.unknown(pending.id()));
            return null;
        } catch (ProcessorUnavailable unavailable) {
            // Never sent: as if it had not been asked, so that it may be asked again.
            transaction.executeWithoutResult(status -> transactions.discard(pending.id()));
            throw unavailable;
        } catch (ProcessorRefusal refusal) {
            transaction.executeWithoutResult(
                    status -> transactions.end(pending.id(), TransactionStatus.REFUSED, clock.instant()));
            throw new RefusedByProcessor(refusal.getMessage());
        }
    }

    private void declined(NewTransaction step, ProcessorOutcome outcome, Instant now) {
        events.publish(
                step.merchantId(),
                new PaymentDeclined(
                        step.orderId(),
                        // A declined first step leaves the schedule as it was: no billing event is declined.
                        null,
                        step.id(),
                        step.amount(),
                        outcome.result() == ProcessorOutcome.Result.SOFT_DECLINED ? DeclineKind.SOFT : DeclineKind.HARD,
                        outcome.code(),
                        step.attempt(),
                        null,
                        now,
                        step.type().type(),
                        step.channel()));
    }
}

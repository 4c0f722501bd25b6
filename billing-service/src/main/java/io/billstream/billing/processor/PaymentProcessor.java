package io.billstream.billing.processor;

import io.billstream.events.Money;
import java.util.Optional;

/**
 * The acquirer, as billing-service uses it. Every request carries an idempotency key: the processor never carries
 * out one key twice, and answers a repeated key with the first outcome, so a caller that lost an answer asks again
 * under the same key ({@link #outcomeOf}) instead of charging again. A request that never reached the processor ends
 * in {@link ProcessorUnavailable}: nothing was carried out.
 */
public interface PaymentProcessor {

    /** Charges the card; {@link ProcessorTimeout} when the answer does not come in time, whatever happened. */
    ProcessorOutcome charge(String idempotencyKey, String cardToken, Money amount);

    /** Reserves the amount on the card, to capture later. */
    ProcessorOutcome authorise(String idempotencyKey, String cardToken, Money amount);

    /** Collects what an approved authorisation reserved, at most its amount. */
    ProcessorOutcome capture(String idempotencyKey, String authorisationReference, Money amount);

    /** Voids an approved authorisation: releases what it reserved, {@code amount}, so that nothing is captured of it. */
    ProcessorOutcome release(String idempotencyKey, String authorisationReference, Money amount);

    /** Checks the card with a zero amount: a card registration. */
    ProcessorOutcome verify(String idempotencyKey, String cardToken);

    /** Sends money of an approved charge or capture back, at most what is left of it. */
    ProcessorOutcome refund(String idempotencyKey, String paymentReference, Money amount);

    /** What may be shown of the card behind {@code cardToken}; empty for a token the processor does not know. */
    Optional<CardDetails> card(String cardToken);

    /** The outcome of the request made under {@code idempotencyKey}; empty when the processor never received it. */
    Optional<ProcessorOutcome> outcomeOf(String idempotencyKey);

    /** Whether requests may be sent now: false while the processor is known to be down, so that callers wait. */
    default boolean acceptsRequests() {
        return true;
    }
}

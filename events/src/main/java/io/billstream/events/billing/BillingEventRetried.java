package io.billstream.events.billing;

import java.time.Instant;
import java.util.UUID;

/**
 * A soft-declined billing event is charged again on the same card, at the merchant's request; the outcome follows as
 * {@link PaymentApproved} (with {@link PaymentRecovered}) or {@link PaymentDeclined} of the same attempt.
 *
 * @param attempt the number of this attempt at the billing event, from 1
 */
public record BillingEventRetried(UUID orderId, UUID billingEventId, int attempt, Instant retriedAt) {}

package io.billstream.events.billing;

import java.time.Instant;
import java.util.UUID;

/**
 * A soft-declined billing event reached the retry limit (15 retries, or 30 days after the soft decline): it stays
 * declined for good and is not retried again until the card is replaced.
 */
public record PaymentRetriesExhausted(UUID orderId, UUID billingEventId, int attempts, Instant exhaustedAt) {}

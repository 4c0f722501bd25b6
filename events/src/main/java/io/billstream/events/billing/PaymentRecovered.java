package io.billstream.events.billing;

import io.billstream.events.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * A billing event that was declined has been collected, by a retry or on a replaced card; it is now RECOVERED. The
 * money itself is reported by the {@link PaymentApproved} of the same transaction, just before.
 */
public record PaymentRecovered(
        UUID orderId, UUID billingEventId, UUID transactionId, Money amount, int attempt, Instant recoveredAt) {}

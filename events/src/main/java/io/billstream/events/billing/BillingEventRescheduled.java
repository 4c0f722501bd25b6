package io.billstream.events.billing;

import io.billstream.events.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * The merchant moved a billing event to another date, changed its amount, or both; it is SCHEDULED again, also when
 * it was declined before.
 */
public record BillingEventRescheduled(
        UUID orderId,
        UUID billingEventId,
        Money previousAmount,
        Money amount,
        Instant previousScheduledAt,
        Instant scheduledAt,
        Instant rescheduledAt) {}

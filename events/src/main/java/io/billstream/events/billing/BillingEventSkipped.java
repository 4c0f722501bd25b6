package io.billstream.events.billing;

import io.billstream.events.Money;
import java.time.Instant;
import java.util.UUID;

/** The merchant skipped a billing event: it will not be collected and its amount leaves the order's total. */
public record BillingEventSkipped(UUID orderId, UUID billingEventId, Money amount, Instant skippedAt) {}

package io.billstream.events.billing;

import io.billstream.events.Money;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Two or more billing events of an order were replaced by one new SCHEDULED billing event; each merged event is now
 * MERGED.
 */
public record BillingEventMerged(
        UUID orderId,
        List<UUID> mergedBillingEventIds,
        UUID newBillingEventId,
        Money amount,
        Instant scheduledAt,
        Instant mergedAt) {

    public BillingEventMerged {
        mergedBillingEventIds = List.copyOf(mergedBillingEventIds);
    }
}

package io.billstream.events.billing;

import io.billstream.events.Money;
import io.billstream.events.OptionalField;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A billing event was added to an order's schedule, in SCHEDULED: every instalment when an instalment order is
 * created, the next cycle of a subscription, or an event the merchant created for a metered order.
 *
 * @param scheduledAt when it is to be collected
 * @param number its place in the plan from 1: the instalment or the subscription cycle; absent for metered orders
 * @param usageRecordIds the usage records of a metered order this event bills; absent when it bills none
 */
public record BillingEventScheduled(
        UUID orderId,
        UUID billingEventId,
        Money amount,
        Instant scheduledAt,
        @OptionalField Integer number,
        @OptionalField List<UUID> usageRecordIds,
        Instant createdAt) {

    public BillingEventScheduled {
        usageRecordIds = usageRecordIds == null ? null : List.copyOf(usageRecordIds);
    }
}

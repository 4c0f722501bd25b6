package io.billstream.billing.billingevent;

import io.billstream.events.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/**
 * One scheduled payment of an order, as the merchant's Scheduled Payments view shows it.
 *
 * @param number its place in the plan from 1: the instalment or the subscription cycle; absent for metered orders
 * @param scheduledAt when it is collected
 * @param attempts charges tried so far
 * @param mergedInto the billing event that replaced it, once MERGED
 */
public record BillingEvent(
        UUID id,
        UUID orderId,
        @Schema(example = "1") Integer number,
        Money amount,
        Instant scheduledAt,
        BillingEventStatus status,
        @Schema(example = "0") int attempts,
        UUID mergedInto,
        Instant createdAt) {}

package io.billstream.billing.billingevent;

import io.billstream.events.Money;
import io.billstream.events.billing.BillingEventCancelled;
import io.billstream.events.billing.DeclineKind;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/**
 * One scheduled payment of an order, as the merchant's Scheduled Payments view shows it, with what the events say of
 * it: its attempts, its last decline and its next automatic retry.
 *
 * @param number its place in the plan from 1: the instalment or the subscription cycle; absent for metered orders
 * @param scheduledAt when it is collected
 * @param attempts charges tried so far
 * @param mergedInto the billing event that replaced it, once MERGED
 * @param lastDecline the latest declined attempt at it, if any
 * @param nextRetryAt when the billing run retries it automatically; absent when no retry is planned
 * @param cancelReason why it is CANCELLED: the end of its order it followed
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
        Instant createdAt,
        Decline lastDecline,
        Instant nextRetryAt,
        BillingEventCancelled.Reason cancelReason) {

    /**
     * A declined attempt: soft (may succeed when retried) or hard (needs another card).
     *
     * @param code the ISO 8583 response code
     * @param reason the code in words
     */
    public record Decline(
            DeclineKind kind,
            @Schema(example = "51") String code,
            @Schema(example = "Insufficient funds") String reason,
            Instant declinedAt) {}

    /** A new SCHEDULED billing event, not attempted yet. */
    static BillingEvent scheduled(UUID orderId, Integer number, Money amount, Instant scheduledAt, Instant now) {
        return new BillingEvent(
                UUID.randomUUID(),
                orderId,
                number,
                amount,
                scheduledAt,
                BillingEventStatus.SCHEDULED,
                0,
                null,
                now,
                null,
                null,
                null);
    }

    /** SCHEDULED again, at a new date or for a new amount; what it was declined with stays on record. */
    BillingEvent rescheduled(Money newAmount, Instant newDate) {
        return new BillingEvent(
                id,
                orderId,
                number,
                newAmount,
                newDate,
                BillingEventStatus.SCHEDULED,
                attempts,
                null,
                createdAt,
                lastDecline,
                null,
                null);
    }

    /** Not collected any more: SKIPPED, or MERGED into {@code replacement}. */
    BillingEvent withdrawn(BillingEventStatus status, UUID replacement) {
        return new BillingEvent(
                id,
                orderId,
                number,
                amount,
                scheduledAt,
                status,
                attempts,
                replacement,
                createdAt,
                lastDecline,
                null,
                null);
    }
}

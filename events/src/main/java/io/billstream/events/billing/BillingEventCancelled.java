package io.billstream.events.billing;

import io.billstream.events.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * A SCHEDULED billing event will not be collected because its order ended: the subscription was cancelled, or the
 * order was cancelled or completed. Its status is CANCELLED, and {@code reason} says which end it followed.
 */
public record BillingEventCancelled(
        UUID orderId, UUID billingEventId, Money amount, Reason reason, Instant cancelledAt) {

    /** Which end of the order the billing event followed. */
    public enum Reason {
        /** The order, or the subscription, was cancelled by the merchant or the customer. */
        ORDER_CANCELLED,
        /** The order was completed: the merchant marked it complete, or everything was collected. */
        ORDER_COMPLETED
    }
}

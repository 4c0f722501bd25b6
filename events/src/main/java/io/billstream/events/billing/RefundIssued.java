package io.billstream.events.billing;

import io.billstream.events.Money;
import io.billstream.events.OptionalField;
import java.time.Instant;
import java.util.UUID;

/**
 * Money of an approved payment went back to the customer's card, in full or in part.
 *
 * @param transactionId the refunded payment
 */
public record RefundIssued(
        UUID orderId,
        UUID refundId,
        UUID transactionId,
        Money amount,
        @OptionalField String reason,
        Instant refundedAt) {}

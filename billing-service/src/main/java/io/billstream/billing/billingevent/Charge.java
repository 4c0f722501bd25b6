package io.billstream.billing.billingevent;

import io.billstream.events.Money;
import java.util.UUID;

/**
 * One billing event claimed by the billing run: its attempt, stored with its idempotency key before the charge.
 *
 * @param orderSequence how far the order's copy had gone when the event was claimed: what the claim was decided on
 */
record Charge(
        UUID transactionId,
        UUID billingEventId,
        UUID orderId,
        UUID merchantId,
        Integer number,
        UUID cardId,
        String cardToken,
        Money amount,
        int attempt,
        String idempotencyKey,
        long orderSequence) {}

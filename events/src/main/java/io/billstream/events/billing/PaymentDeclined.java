package io.billstream.events.billing;

import io.billstream.events.Money;
import io.billstream.events.OptionalField;
import java.time.Instant;
import java.util.UUID;

/**
 * The processor declined a charge of a billing event.
 *
 * @param code the ISO 8583 response code, such as {@code 51} (insufficient funds) or {@code 43} (stolen card)
 * @param attempt the number of this attempt at the billing event, from 1
 * @param nextRetryAt when the next automatic retry is due; absent after a hard decline or when retries ran out
 */
public record PaymentDeclined(
        UUID orderId,
        UUID billingEventId,
        UUID transactionId,
        Money amount,
        DeclineKind kind,
        String code,
        int attempt,
        @OptionalField Instant nextRetryAt,
        Instant declinedAt) {}

package io.billstream.events.billing;

import io.billstream.events.Money;
import io.billstream.events.OptionalField;
import io.billstream.events.order.PaymentChannel;
import java.time.Instant;
import java.util.UUID;

/**
 * The processor declined a transaction of an order: a charge of a billing event, or a first payment, pre-authorisation
 * or card registration.
 *
 * @param billingEventId the billing event the charge was to collect; absent for a registration or pre-authorisation
 * @param code the ISO 8583 response code, such as {@code 51} (insufficient funds) or {@code 43} (stolen card)
 * @param attempt the number of this attempt at the billing event, from 1
 * @param nextRetryAt when the next automatic retry is due; absent after a hard decline or when retries ran out
 * @param transactionType what was declined; absent means {@link TransactionType#PAYMENT}
 * @param channel how a first payment, pre-authorisation or registration was attempted: the customer through a
 *     payment link or the merchant in the virtual terminal; absent for the charges of the billing run
 */
public record PaymentDeclined(
        UUID orderId,
        @OptionalField UUID billingEventId,
        UUID transactionId,
        Money amount,
        DeclineKind kind,
        String code,
        int attempt,
        @OptionalField Instant nextRetryAt,
        Instant declinedAt,
        @OptionalField TransactionType transactionType,
        @OptionalField PaymentChannel channel) {

    /** What was declined, {@link TransactionType#PAYMENT} when the event does not say. */
    public TransactionType declinedTransaction() {
        return transactionType == null ? TransactionType.PAYMENT : transactionType;
    }
}

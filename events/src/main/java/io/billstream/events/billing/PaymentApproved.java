package io.billstream.events.billing;

import io.billstream.events.Money;
import io.billstream.events.OptionalField;
import io.billstream.events.order.PaymentChannel;
import java.time.Instant;
import java.util.UUID;

/**
 * The processor approved a transaction of an order: a payment or capture (money collected), a pre-authorisation or a
 * card registration. Every approved charge is published as this event, also one that recovers a declined billing
 * event, which is published as {@link PaymentRecovered} as well.
 *
 * @param billingEventId the billing event the transaction collects; absent for a registration or pre-authorisation
 * @param amount what was collected or reserved; zero for a card registration
 * @param attempt the number of this attempt at the billing event, from 1
 * @param channel how a first payment, pre-authorisation or registration was made: the customer through a payment
 *     link or the merchant in the virtual terminal; absent for the charges of the billing run
 * @param card the card charged, as invoices and receipts show it; absent for a transaction without a stored card
 */
public record PaymentApproved(
        UUID orderId,
        @OptionalField UUID billingEventId,
        UUID transactionId,
        TransactionType transactionType,
        Money amount,
        int attempt,
        Instant approvedAt,
        @OptionalField PaymentChannel channel,
        @OptionalField PaymentCard card) {}

package io.billstream.events.billing;

import io.billstream.events.Money;
import io.billstream.events.OptionalField;
import java.time.Instant;
import java.util.UUID;

/**
 * The merchant credited the customer an amount on an order without money moving on the card, for instance as a
 * goodwill gesture; a credit note documents it.
 */
public record CreditIssued(
        UUID orderId,
        UUID creditId,
        Money amount,
        @OptionalField String reason,
        Instant issuedAt) {}

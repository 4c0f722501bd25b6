package io.billstream.events.card;

import java.time.Instant;
import java.util.UUID;

/**
 * A customer has a new card: checked by the processor and stored as its token. Only what may be shown of a card is
 * ever published: brand, last four digits and expiry.
 *
 * @param isDefault whether it is the customer's default card now (a customer's first card is)
 */
public record CardRegistered(
        UUID customerId,
        UUID cardId,
        String brand,
        String last4,
        int expiryMonth,
        int expiryYear,
        boolean isDefault,
        Instant registeredAt) {}

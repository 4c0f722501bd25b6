package io.billstream.events.card;

import io.billstream.events.OptionalField;
import java.time.Instant;
import java.util.UUID;

/**
 * A customer's card was removed; no live order used it. Its token is forgotten.
 *
 * @param newDefaultCardId the customer's default card now, when the removed one was the default and another is left
 */
public record CardRemoved(
        UUID customerId, UUID cardId, @OptionalField UUID newDefaultCardId, Instant removedAt) {}

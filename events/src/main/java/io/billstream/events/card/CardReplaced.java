package io.billstream.events.card;

import java.time.Instant;
import java.util.UUID;

/**
 * An order's billing events are charged to another card of the same customer from now on: declined and overdue ones
 * are collected on it.
 *
 * @param previousCardId the card the order used before
 */
public record CardReplaced(UUID customerId, UUID orderId, UUID previousCardId, UUID cardId, Instant replacedAt) {}

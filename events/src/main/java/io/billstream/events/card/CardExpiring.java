package io.billstream.events.card;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A card that live orders are charged to expires this month or next, or has expired: the customer should update it.
 * Published once per card and month while live orders use it.
 *
 * @param expired whether the card's expiry month is over
 * @param orderIds the live orders charged to it
 * @param month the first day of the month this notice is for, in the merchant's time zone
 */
public record CardExpiring(
        UUID customerId,
        UUID cardId,
        String brand,
        String last4,
        int expiryMonth,
        int expiryYear,
        boolean expired,
        List<UUID> orderIds,
        LocalDate month,
        Instant noticedAt) {

    public CardExpiring {
        orderIds = List.copyOf(orderIds);
    }
}

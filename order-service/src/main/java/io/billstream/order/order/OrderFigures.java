package io.billstream.order.order;

import io.billstream.events.Money;
import io.billstream.events.order.PurchaseType;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The amounts every view of an order shows beside its total, kept from billing-service's events.
 *
 * @param paid approved payments and captures
 * @param refunded money sent back to the card
 * @param credited amounts credited to the customer without money moving on the card
 * @param skipped amounts of skipped billing events, which left the total
 * @param balance for instalment orders, what is still to collect: the total less what was paid, never below zero;
 *     absent for other purchase types
 */
public record OrderFigures(
        Money paid,
        Money refunded,
        Money credited,
        Money skipped,

        @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED)
        Money balance) {

    /** The figures of an order nothing has been billed for yet. */
    static OrderFigures none(PurchaseType type, Money total) {
        Money zero = Money.zero(total.currency());
        return new OrderFigures(zero, zero, zero, zero, type == PurchaseType.INSTALMENT ? total : null);
    }
}

package io.billstream.events.order;

import io.billstream.events.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The merchant reported usage against a metered order; the next billing event that bills usage invoices it.
 *
 * @param date the day the usage happened, in the merchant's time zone
 * @param quantity whole units of {@code unit}; a fractional usage is reported in a smaller unit
 * @param amount {@code quantity} times {@code unitPrice}
 */
public record UsageRecorded(
        UUID orderId,
        UUID usageRecordId,
        String description,
        LocalDate date,
        long quantity,
        String unit,
        Money unitPrice,
        Money amount,
        Instant recordedAt) {}

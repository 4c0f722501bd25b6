package io.billstream.order.order;

import io.billstream.events.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Usage reported against a METERED order.
 *
 * @param date the day the usage happened, in the merchant's time zone
 * @param quantity whole units of {@code unit}
 * @param amount {@code quantity} times {@code unitPrice}
 * @param billingEventId the billing event that invoiced it; absent while it is not invoiced
 */
public record UsageRecord(
        UUID id,
        UUID orderId,
        @Schema(example = "Espresso shots, office machine") String description,
        LocalDate date,
        @Schema(example = "240") long quantity,
        @Schema(example = "shot") String unit,
        Money unitPrice,
        Money amount,
        boolean invoiced,
        UUID billingEventId,
        Instant recordedAt) {}

package io.billstream.billing.card;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** A customer's card as the API shows it; the processor's token stays inside the service. */
public record Card(
        UUID id,
        UUID customerId,
        @Schema(example = "VISA") String brand,
        @Schema(example = "4242") String last4,
        @Schema(example = "12") int expiryMonth,
        @Schema(example = "2030") int expiryYear,

        @Schema(description = "the customer's default card, for new orders and the portal")
        boolean isDefault,

        Instant createdAt) {}

package io.billstream.billing.processor.sandbox;

import io.swagger.v3.oas.annotations.media.Schema;

/** What the hosted card fields return for a card: a token and what may be shown of the card. */
public record SandboxCard(
        @Schema(example = "tok_3f9a1c2b7e4d5a6b8c9d0e1f") String token,
        @Schema(example = "VISA") String brand,
        @Schema(example = "4242") String last4,
        @Schema(example = "12") int expiryMonth,
        @Schema(example = "2030") int expiryYear) {}

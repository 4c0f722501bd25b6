package io.billstream.portal.apikey;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** A merchant's API key as the merchant sees it after its creation: never the key itself. */
public record ApiKey(
        UUID id,

        @Schema(example = "TEST", description = "TEST or LIVE")
        String mode,

        @Schema(example = "Shop backend") String name,

        @Schema(example = "sk_test_…x7Qa", description = "The key's prefix and last four characters")
        String hint,

        Instant createdAt,

        @Schema(example = "merchant:7f1c9a52-3d2e-4b8a-9c61-0a5e2f4d8b13")
        String createdBy,

        Instant revokedAt,
        Instant lastUsedAt) {}

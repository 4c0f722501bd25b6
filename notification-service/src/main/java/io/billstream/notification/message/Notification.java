package io.billstream.notification.message;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** A message of the merchant's log: to whom, what, and how its delivery went. */
public record Notification(
        UUID id,
        UUID customerId,
        UUID orderId,
        @Schema(example = "payment-approved") String template,
        @Schema(example = "EMAIL") String channel,
        @Schema(example = "anna.schmidt@example.com") String recipient,
        @Schema(example = "de") String language,
        @Schema(example = "Zahlung über 119,00 € erhalten") String subject,
        @Schema(example = "Hallo Anna Schmidt, ...") String text,
        @Schema(example = "<!doctype html>...") String html,

        @Schema(example = "SENT", description = "QUEUED, SENT or FAILED")
        String status,

        @Schema(example = "1") int attempts,
        @Schema(example = "421 Service not available") String lastError,
        Instant createdAt,
        Instant sentAt) {}

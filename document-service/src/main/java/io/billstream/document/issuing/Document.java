package io.billstream.document.issuing;

import io.billstream.document.pdf.DocumentKind;
import io.billstream.events.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/**
 * An issued document's metadata; its PDF is at {@code pdf}.
 *
 * @param sourceId what it documents: the payment (invoice, receipt), the refund or the credit (credit note)
 * @param refersTo the invoice a receipt or credit note refers to
 */
public record Document(
        UUID id,
        DocumentKind kind,
        @Schema(example = "INV-2026-000042") String number,
        UUID orderId,
        UUID customerId,
        Money amount,
        Instant issuedAt,

        @Schema(example = "de", description = "the customer's language, in which the document is written")
        String language,

        UUID sourceId,
        UUID refersTo,

        @Schema(example = "/api/v1/documents/7a1c3e5f-9b2d-4f6a-8c0e-2b4d6f8a0c13/pdf")
        String pdf) {}

package io.billstream.events.document;

import io.billstream.events.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * An approved payment or capture was invoiced. The document is immutable; its PDF is at
 * {@code /api/v1/documents/{documentId}/pdf}.
 *
 * @param number the merchant's gapless invoice number, such as {@code INV-2026-000042}
 * @param transactionId the payment or capture invoiced
 */
public record InvoiceIssued(
        UUID orderId,
        UUID documentId,
        UUID customerId,
        String number,
        Money amount,
        UUID transactionId,
        Instant issuedAt) {}

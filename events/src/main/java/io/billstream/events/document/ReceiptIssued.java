package io.billstream.events.document;

import io.billstream.events.Money;
import java.time.Instant;
import java.util.UUID;

/**
 * The receipt of an approved payment or capture: the money was received, on the card shown.
 *
 * @param invoiceId the invoice of the same payment
 */
public record ReceiptIssued(
        UUID orderId,
        UUID documentId,
        UUID customerId,
        String number,
        UUID invoiceId,
        Money amount,
        UUID transactionId,
        Instant issuedAt) {}

package io.billstream.events.document;

import io.billstream.events.Money;
import io.billstream.events.OptionalField;
import java.time.Instant;
import java.util.UUID;

/**
 * A refund or a credit was documented by a credit note, which refers to the invoice it corrects.
 *
 * @param invoiceId the invoice corrected: the refunded payment's; for a credit, the order's latest invoice, absent when
 *     the order has none
 * @param refundId the refund documented; absent for a credit
 * @param creditId the credit documented; absent for a refund
 */
public record CreditNoteIssued(
        UUID orderId,
        UUID documentId,
        UUID customerId,
        String number,
        @OptionalField UUID invoiceId,
        Money amount,
        @OptionalField UUID refundId,
        @OptionalField UUID creditId,
        @OptionalField String reason,
        Instant issuedAt) {}

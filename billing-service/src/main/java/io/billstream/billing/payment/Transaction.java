package io.billstream.billing.payment;

import io.billstream.events.Money;
import io.billstream.events.order.PaymentChannel;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/**
 * One transaction as the merchant sees it in an order's history and the payments list.
 *
 * @param billingEventId the billing event it collects, when it collects one
 * @param parentId the pre-authorisation a capture collects, or the payment a refund gives back
 * @param refunded for an approved payment or capture, what was refunded of it so far (approved refunds)
 * @param refundable for an approved payment or capture, what may still be refunded
 * @param code the processor's ISO 8583 response code, once answered
 * @param channel how a first step was made; absent for the billing run's charges, captures and refunds
 * @param attempt the number of this attempt at its billing event or first step, from 1
 */
public record Transaction(
        UUID id,
        UUID orderId,
        UUID customerId,
        UUID billingEventId,
        UUID parentId,
        TransactionKind type,
        TransactionStatus status,
        Money amount,
        Money refunded,
        Money refundable,
        @Schema(example = "00") String code,
        PaymentChannel channel,
        @Schema(example = "1") int attempt,
        UUID cardId,
        @Schema(example = "Milk frother returned") String reason,
        Instant createdAt,
        Instant settledAt) {}

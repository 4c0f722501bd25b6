package io.billstream.billing.payment;

import io.billstream.events.Money;
import io.billstream.events.order.PaymentChannel;
import java.util.UUID;

/**
 * A transaction about to be sent to the processor, stored first as PENDING with its idempotency key: if the service
 * stops before the answer, the key says what to ask the processor about, and nothing is charged twice.
 */
public record NewTransaction(
        UUID id,
        UUID merchantId,
        UUID orderId,
        UUID billingEventId,
        UUID parentId,
        UUID cardId,
        TransactionKind type,
        Money amount,
        PaymentChannel channel,
        String idempotencyKey,
        int attempt,
        String reason) {}

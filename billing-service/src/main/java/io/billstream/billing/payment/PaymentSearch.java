package io.billstream.billing.payment;

import java.time.Instant;
import java.util.UUID;

/** Filters of the payments list; each absent one matches everything. {@code from} inclusive, {@code to} exclusive. */
public record PaymentSearch(
        TransactionStatus status, TransactionKind type, UUID orderId, UUID customerId, Instant from, Instant to) {}

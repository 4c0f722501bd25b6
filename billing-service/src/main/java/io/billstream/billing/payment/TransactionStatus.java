package io.billstream.billing.payment;

/** Where a transaction stands. */
public enum TransactionStatus {
    /** Stored with its idempotency key; the processor has it now. */
    PENDING,
    APPROVED,
    /** May succeed on a retry: insufficient funds, issuer unavailable, do not honour. */
    SOFT_DECLINED,
    /** Needs another card: stolen, invalid number, expired, restricted. */
    HARD_DECLINED,
    /** The processor's answer was lost; asked for again under the same idempotency key, never charged again. */
    UNKNOWN,
    /** The processor refused the request outright (an unknown reference, more than is left); nothing moved. */
    REFUSED,
    /** An approved pre-authorisation released without a capture. */
    VOIDED
}

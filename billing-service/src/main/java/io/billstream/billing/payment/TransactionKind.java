package io.billstream.billing.payment;

import io.billstream.events.billing.TransactionType;

/** What a transaction does: the contract's transaction types, and refunds. */
public enum TransactionKind {
    PAYMENT,
    PRE_AUTHORISATION,
    CAPTURE,
    CARD_REGISTRATION,
    REFUND;

    /** The type its outcome events carry; refunds are published as {@code RefundIssued} instead. */
    public TransactionType type() {
        return TransactionType.valueOf(name());
    }

    /** Whether it collected money from the card, so that it may be refunded once approved. */
    public boolean collects() {
        return this == PAYMENT || this == CAPTURE;
    }
}

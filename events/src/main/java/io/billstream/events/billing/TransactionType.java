package io.billstream.events.billing;

/**
 * What a transaction of the processor does. Only payments and captures move money; a pre-authorisation reserves it
 * and a card registration stores a card for later billing events.
 */
public enum TransactionType {
    PAYMENT,
    PRE_AUTHORISATION,
    CAPTURE,
    CARD_REGISTRATION;

    /** Whether an approved transaction of this type adds to what the order has been paid. */
    public boolean collectsMoney() {
        return this == PAYMENT || this == CAPTURE;
    }
}

package io.billstream.events.order;

/** The first step of an order: take a payment, reserve the amount for a later capture, or only store a card. */
public enum FirstAction {
    PAYMENT,
    PRE_AUTHORISATION,
    CARD_REGISTRATION
}

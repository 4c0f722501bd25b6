package io.billstream.events.billing;

/** What may be shown of the card a transaction was made with, as documents and messages print it. */
public record PaymentCard(String brand, String last4) {}

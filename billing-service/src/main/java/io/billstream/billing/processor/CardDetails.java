package io.billstream.billing.processor;

/** What the processor tells of a tokenized card: what may be shown of it. */
public record CardDetails(String brand, String last4, int expiryMonth, int expiryYear) {}

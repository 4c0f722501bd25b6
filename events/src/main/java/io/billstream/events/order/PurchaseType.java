package io.billstream.events.order;

public enum PurchaseType {
    SINGLE,
    INSTALMENT,
    SUBSCRIPTION,
    METERED
}

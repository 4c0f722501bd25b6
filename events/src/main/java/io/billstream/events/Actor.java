package io.billstream.events;

/** Who caused a change: the merchant (API or back office), the customer (portal) or the platform itself. */
public enum Actor {
    MERCHANT,
    CUSTOMER,
    SYSTEM
}

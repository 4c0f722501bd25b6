package io.billstream.events.customer;

/** Who made a change: shown on the customer's timeline. */
public enum ChangedBy {
    MERCHANT,
    CUSTOMER
}

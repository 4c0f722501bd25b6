package io.billstream.events.order;

public enum BillingInterval {
    WEEKLY,
    MONTHLY,
    YEARLY
}

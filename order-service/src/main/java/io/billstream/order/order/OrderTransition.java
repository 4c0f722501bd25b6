package io.billstream.order.order;

/** What can happen to an order, each a row of the status table in DOMAIN.md. */
public enum OrderTransition {
    /** The merchant sends a payment link (again, after a rejection). */
    PAYMENT_LINK_SENT,
    /** The first payment or card registration is approved. */
    FIRST_PAYMENT_APPROVED,
    /** A virtual-terminal payment or registration is declined. */
    VIRTUAL_TERMINAL_DECLINED,
    /** The customer's attempt through the link is declined; the customer may try again. */
    LINK_ATTEMPT_DECLINED,
    /** The merchant cancels an order before any payment went through. */
    CANCELLED,
    /** A billing event is soft-declined. */
    BILLING_EVENT_SOFT_DECLINED,
    /** A billing event is hard-declined. */
    BILLING_EVENT_HARD_DECLINED,
    /** A soft-declined billing event ran out of retries. */
    RETRIES_EXHAUSTED,
    /** Every declined billing event has been collected (retry, recovery, card update). */
    DECLINES_COLLECTED,
    /** A subscription is paused. */
    PAUSED,
    /** A paused subscription is resumed. */
    RESUMED,
    /** A subscription is cancelled, by the customer or the merchant. */
    SUBSCRIPTION_CANCELLED,
    /** An instalment order collected more than its value. */
    OVERCOLLECTED,
    /** Everything is collected: the last instalment, the single payment, the last cycle of a fixed term. */
    EVERYTHING_COLLECTED,
    /** The merchant marks the order complete. */
    MARKED_COMPLETE
}

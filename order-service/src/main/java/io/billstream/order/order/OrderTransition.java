package io.billstream.order.order;

/** What can happen to an order, each a row of the status table in DOMAIN.md. */
public enum OrderTransition {
    /** The merchant sends a payment link (again, after a rejection). */
    PAYMENT_LINK_SENT("Sending a payment link"),
    /** The first payment or card registration is approved. */
    FIRST_PAYMENT_APPROVED("Approving the first payment"),
    /** A virtual-terminal payment or registration is declined. */
    VIRTUAL_TERMINAL_DECLINED("Declining a virtual-terminal payment"),
    /** The customer's attempt through the link is declined; the customer may try again. */
    LINK_ATTEMPT_DECLINED("Declining a payment-link attempt"),
    /** The merchant cancels an order before any payment went through. */
    CANCELLED("Cancelling"),
    /** A billing event is soft-declined. */
    BILLING_EVENT_SOFT_DECLINED("A soft decline of a billing event"),
    /** A billing event is hard-declined. */
    BILLING_EVENT_HARD_DECLINED("A hard decline of a billing event"),
    /** A soft-declined billing event ran out of retries. */
    RETRIES_EXHAUSTED("Running out of retries"),
    /** Every declined billing event has been collected (retry, recovery, card update). */
    DECLINES_COLLECTED("Collecting the declined billing events"),
    /** A subscription is paused. */
    PAUSED("Pausing"),
    /** A paused subscription is resumed. */
    RESUMED("Resuming"),
    /** A subscription is cancelled, by the customer or the merchant. */
    SUBSCRIPTION_CANCELLED("Cancelling the subscription"),
    /** An instalment order collected more than its value. */
    OVERCOLLECTED("Collecting more than the order value"),
    /** Everything is collected: the last instalment, the single payment, the last cycle of a fixed term. */
    EVERYTHING_COLLECTED("Completing on full collection"),
    /** The merchant marks the order complete. */
    MARKED_COMPLETE("Marking complete");

    private final String inWords;

    OrderTransition(String inWords) {
        this.inWords = inWords;
    }

    /** The transition as an error message names it: "Pausing", "Sending a payment link". */
    String inWords() {
        return inWords;
    }
}

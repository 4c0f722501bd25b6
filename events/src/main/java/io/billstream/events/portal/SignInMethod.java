package io.billstream.events.portal;

/** How a customer got in. */
public enum SignInMethod {
    /** A code emailed to the customer. */
    ONE_TIME_CODE,
    /** Email and password, after an invitation. */
    PASSWORD,
    /** A signed payment link, which opens one order only. */
    PAYMENT_LINK
}

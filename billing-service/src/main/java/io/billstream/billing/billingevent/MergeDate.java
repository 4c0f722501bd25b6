package io.billstream.billing.billingevent;

/** When the billing event that replaces merged ones is collected. */
public enum MergeDate {
    /** At the date of the earliest merged event. */
    FIRST_EVENT,
    /** At once. */
    NOW,
    /** At a future date the merchant names. */
    LATER
}

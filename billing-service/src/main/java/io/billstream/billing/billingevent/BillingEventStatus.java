package io.billstream.billing.billingevent;

/** The statuses of DOMAIN.md's billing event table. */
public enum BillingEventStatus {
    SCHEDULED,
    COMPLETED,
    RECOVERED,
    SOFT_DECLINED,
    HARD_DECLINED,
    SKIPPED,
    MERGED
}

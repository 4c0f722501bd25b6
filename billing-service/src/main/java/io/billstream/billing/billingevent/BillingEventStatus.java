package io.billstream.billing.billingevent;

/**
 * The statuses of DOMAIN.md's billing event table, and CANCELLED: a SCHEDULED event whose order ended before it was
 * collected (the subscription or order cancelled, or the order completed), so that no ended order keeps a schedule.
 */
public enum BillingEventStatus {
    SCHEDULED,
    COMPLETED,
    RECOVERED,
    SOFT_DECLINED,
    HARD_DECLINED,
    SKIPPED,
    MERGED,
    CANCELLED
}

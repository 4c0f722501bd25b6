package io.billstream.order.order;

import java.util.UUID;

/**
 * What order-service knows of one billing event of an order: its current amount and status, from billing-service's
 * events. The order's status follows from these (a declined one makes it FAILED or SUSPENDED).
 *
 * @param retriesExhausted a soft decline that ran out of retries, declined for good
 */
record BillingEventCopy(UUID id, long amount, Status status, boolean retriesExhausted) {

    /** The statuses of DOMAIN.md's billing event table, and CANCELLED: not collected because the order ended. */
    enum Status {
        SCHEDULED,
        COMPLETED,
        RECOVERED,
        SOFT_DECLINED,
        HARD_DECLINED,
        SKIPPED,
        MERGED,
        CANCELLED;

        boolean declined() {
            return this == SOFT_DECLINED || this == HARD_DECLINED;
        }
    }

    /** Declined in a way no retry mends: a hard decline, or a soft one out of retries. */
    boolean declinedForGood() {
        return status == Status.HARD_DECLINED || (status == Status.SOFT_DECLINED && retriesExhausted);
    }

    boolean softDeclinedAndRetried() {
        return status == Status.SOFT_DECLINED && !retriesExhausted;
    }
}

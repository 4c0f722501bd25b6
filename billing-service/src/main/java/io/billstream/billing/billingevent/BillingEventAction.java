package io.billstream.billing.billingevent;

import static io.billstream.billing.billingevent.BillingEventStatus.HARD_DECLINED;
import static io.billstream.billing.billingevent.BillingEventStatus.SCHEDULED;
import static io.billstream.billing.billingevent.BillingEventStatus.SOFT_DECLINED;

import java.util.EnumSet;
import java.util.Set;

/** The merchant's actions on a billing event and the statuses each is allowed from (DOMAIN.md). */
public enum BillingEventAction {
    SKIP(EnumSet.of(SCHEDULED, SOFT_DECLINED, HARD_DECLINED)),
    RESCHEDULE(EnumSet.of(SCHEDULED, SOFT_DECLINED, HARD_DECLINED)),
    MERGE(EnumSet.of(SCHEDULED, SOFT_DECLINED, HARD_DECLINED)),
    RETRY(EnumSet.of(SOFT_DECLINED)),
    EXECUTE_NOW(EnumSet.of(SCHEDULED));

    private final Set<BillingEventStatus> from;

    BillingEventAction(Set<BillingEventStatus> from) {
        this.from = from;
    }

    public boolean allowedFrom(BillingEventStatus status) {
        return from.contains(status);
    }

    /** Refuses the action from {@code status} with a 409 naming it, before anything changes. */
    void check(BillingEvent event) {
        if (!allowedFrom(event.status())) {
            throw new ActionNotAllowed(this, event);
        }
    }
}

package io.billstream.billing.billingevent;

import io.billstream.events.merchant.RetryPolicy;
import java.time.Duration;
import java.time.Instant;

/**
 * When a soft-declined billing event is retried automatically, by the merchant's policy: retry n is made the policy's
 * n-th number of hours after the soft decline (the start of the retry window), counting every retry so far, manual
 * ones too. Past the policy's last retry the merchant may still retry by hand. The retries end after 15, or 30 days
 * after the soft decline: then the event is declined for good.
 */
final class RetrySchedule {

    private RetrySchedule() {}

    /** What follows a soft decline. */
    sealed interface Next {}

    /** Retried automatically at {@code at}. */
    record RetryAt(Instant at) implements Next {}

    /** No automatic retry (none for this merchant, or none left in its policy): the merchant may retry by hand. */
    record ByHand() implements Next {}

    /** No retry is left: declined for good. */
    record Exhausted() implements Next {}

    /**
     * @param windowFrom where the 30 days of retries started
     * @param attempts the attempts made so far, the first included
     * @param now when the last attempt was declined
     */
    static Next after(RetryPolicy policy, Instant windowFrom, int attempts, Instant now) {
        int retries = attempts - 1;
        Instant windowEnd = windowFrom.plus(BillingEventActions.RETRY_WINDOW);
        if (retries >= BillingEventActions.MAX_RETRIES || !now.isBefore(windowEnd)) {
            return new Exhausted();
        }
        if (!policy.enabled()) {
            return new ByHand();
        }
        if (retries >= policy.retryAfterHours().size()) {
            return new ByHand();
        }
        Instant planned =
                windowFrom.plus(Duration.ofHours(policy.retryAfterHours().get(retries)));
        Instant at = planned.isBefore(now) ? now : planned;
        return at.isBefore(windowEnd) ? new RetryAt(at) : new ByHand();
    }
}

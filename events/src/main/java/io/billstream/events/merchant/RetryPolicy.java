package io.billstream.events.merchant;

import java.util.List;

/**
 * Automatic retries of soft-declined billing events: whether they run, and after how many hours from the soft
 * decline each attempt is made (at most 15 attempts, all within 30 days).
 */
public record RetryPolicy(boolean enabled, List<Integer> retryAfterHours) {

    public RetryPolicy {
        retryAfterHours = List.copyOf(retryAfterHours);
    }
}

package io.billstream.gateway.limit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets, one per key: each holds up to {@code capacity} requests and refills at {@code perSecond}. A request
 * takes a token or is refused with the time until the next one. Kept in this gateway's memory: with several gateway
 * instances each allows its share, which bounds a client by the instance count times the limit.
 */
final class TokenBuckets {

    /** Past this many keys, buckets that have filled up again (idle clients) are dropped. */
    private static final int PRUNE_ABOVE = 100_000;

    private final double capacity;
    private final double perSecond;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    TokenBuckets(int capacity, double perSecond, Clock clock) {
        this.capacity = capacity;
        this.perSecond = perSecond;
        this.clock = clock;
    }

    /** Empty when the request may go; otherwise how long until it would. */
    Optional<Duration> take(String key) {
        Instant now = clock.instant();
        if (buckets.size() > PRUNE_ABOVE) {
            buckets.values().removeIf(bucket -> bucket.level(now) >= capacity);
        }
        return buckets.computeIfAbsent(key, ignored -> new Bucket(capacity, now))
                .take(now);
    }

    private final class Bucket {
        private double tokens;
        private Instant updated;

        Bucket(double tokens, Instant updated) {
            this.tokens = tokens;
            this.updated = updated;
        }

        synchronized double level(Instant now) {
            double elapsed = Math.max(0, Duration.between(updated, now).toNanos() / 1e9);
            return Math.min(capacity, tokens + elapsed * perSecond);
        }

        synchronized Optional<Duration> take(Instant now) {
            tokens = level(now);
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) / perSecond * 1e9)));
        }
    }
}

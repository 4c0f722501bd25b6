package io.billstream.platform.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The real time, moved forward by as much as a test says: time limits (30 days of retries, a link's expiry) are
 * crossed without waiting. Services take their time from the {@link Clock} bean, so a test context declares this one
 * in its place.
 */
public final class MovableClock extends Clock {

    private final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);

    /** Moves the clock {@code duration} further ahead of the real time. */
    public void advance(Duration duration) {
        ahead.accumulateAndGet(duration, Duration::plus);
    }

    /** Back to the real time, for the next test. */
    public void reset() {
        ahead.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("services read instants; zones are the merchant's, per date");
    }
}

package io.billstream.platform.crash;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named places in the work that moves money (before and after the processor is called, before and after a commit,
 * after Kafka acknowledged an event) where the process may be made to die at once, as a power cut would: no shutdown
 * hook, no commit, no rollback on our side. The crash-point tests start a service's own jar with
 * {@code billstream.crash-at} naming one point and restart it afterwards, to show that a crash there loses nothing and
 * charges nothing twice. Without the property, reaching a point does nothing.
 */
public final class CrashPoints {

    private static final Logger log = LoggerFactory.getLogger(CrashPoints.class);

    /** The exit status of a process stopped at a crash point, so that a test tells it from any other end. */
    public static final int EXIT_STATUS = 86;

    private final String crashAt;

    public CrashPoints(String crashAt) {
        this.crashAt = crashAt == null ? "" : crashAt;
    }

    /** Stops the process at once if it was started to crash at {@code point}. */
    public void reach(String point) {
        if (point.equals(crashAt)) {
            log.warn("Crashing at point='{}'", point);
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
    }
}

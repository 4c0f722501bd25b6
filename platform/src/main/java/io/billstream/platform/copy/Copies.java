package io.billstream.platform.copy;

import io.billstream.events.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Read-your-writes for a service that acts on event-fed copies of another service's aggregates (ADR 13). Before it
 * acts, it asks the owner how far the subject's events have gone, then waits, briefly, until its copy has applied them
 * all: a change the owner has answered 2xx for is then always seen, however far Kafka lags. What the owner does not
 * know under the caller's merchant does not exist, whatever the copy holds. When the owner cannot be asked, or the
 * copy does not catch up in time, nothing is done and the caller gets 503 with {@code Retry-After}.
 */
public class Copies {

    private static final Duration FIRST_POLL = Duration.ofMillis(2);
    private static final Duration LONGEST_POLL = Duration.ofMillis(25);

    private final EventVersionsClient owners;
    private final Duration wait;

    Copies(EventVersionsClient owners, Duration wait) {
        this.owners = owners;
        this.wait = wait;
    }

    /**
     * Waits until the copy has applied every event the owner committed for {@code subject}.
     *
     * @param applied the sequence of the subject's last event the copy applied, 0 before any; read afresh each time
     * @return false when the owner has no such subject of {@code merchantId}: another merchant's, or none at all
     * @throws CopyNotCurrent when the copy has not caught up within the wait
     * @throws OwnerUnavailable when the owner cannot be asked
     */
    public boolean awaitCurrent(String topic, UUID merchantId, UUID subject, LongSupplier applied) {
        SubjectVersion owner =
                owners.versions(topic, java.util.List.of(subject)).get(subject);
        if (owner == null || !owner.belongsTo(merchantId)) {
            return false;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        Duration poll = FIRST_POLL;
        while (applied.getAsLong() < owner.version()) {
            if (System.nanoTime() - deadline >= 0) {
                throw new CopyNotCurrent(kindOf(topic), subject, Topics.ownerOf(topic));
            }
            sleep(poll);
            poll = poll.multipliedBy(2).compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : poll.multipliedBy(2);
        }
        return true;
    }

    /**
     * Whether the owner has {@code subject} under {@code merchantId}, for a service that keeps no copy of it and only
     * needs to know that it exists, such as before listing its documents.
     */
    public boolean exists(String topic, UUID merchantId, UUID subject) {
        SubjectVersion owner =
                owners.versions(topic, java.util.List.of(subject)).get(subject);
        return owner != null && owner.belongsTo(merchantId);
    }

    /**
     * The owner's versions of many subjects at once, for work that passes over what is not current yet and takes it up
     * later, such as the billing run: nothing waits.
     */
    public Map<UUID, SubjectVersion> versions(String topic, Collection<UUID> subjects) {
        return owners.versions(topic, subjects);
    }

    private static String kindOf(String topic) {
        return switch (topic) {
            case Topics.CUSTOMERS, Topics.PAYMENT_METHODS, Topics.PORTAL, Topics.NOTIFICATIONS -> "customer";
            case Topics.MERCHANTS -> "merchant";
            default -> "order";
        };
    }

    private static void sleep(Duration poll) {
        try {
            Thread.sleep(poll);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a copy to catch up", e);
        }
    }
}

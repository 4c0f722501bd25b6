package io.billstream.platform.inbox;

/**
 * An event arrived before an earlier event of its subject was applied: the earlier one is missing, usually parked on
 * the dead-letter topic. A listener that applies the events of a subject in order throws this instead of applying
 * it. The error handler parks it on the dead-letter topic at once, behind the missing one, so that a replay of the
 * dead letters brings both back in their order.
 */
public class OutOfSequence extends RuntimeException {

    public OutOfSequence(ReceivedEvent event, long lastApplied) {
        super("event " + event.id() + " of " + event.topic() + " subject " + event.subject() + " has sequence "
                + event.sequence() + ", but the last one applied is " + lastApplied);
    }

    /**
     * Whether {@code event} is the next to apply after {@code lastApplied}. False when it was applied before; throws
     * {@link OutOfSequence} when an earlier event is missing.
     */
    public static boolean isNext(ReceivedEvent event, long lastApplied) {
        if (event.sequence() <= lastApplied) {
            return false;
        }
        if (event.sequence() > lastApplied + 1) {
            throw new OutOfSequence(event, lastApplied);
        }
        return true;
    }
}

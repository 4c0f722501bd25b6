package io.billstream.platform.inbox;

/**
 * An event needs what another topic brings first, and it has not arrived: a payment of an order whose creation is
 * still on its way, an order of a merchant whose settings are. Topics keep no order between them, so this is a wait,
 * not a fault: the error handler retries the event with back-off for {@code billstream.inbox.prerequisite-wait}
 * (default 15 minutes, holding its partition) before parking it on the dead-letter topic.
 */
public class NotKnownYet extends RuntimeException {

    public NotKnownYet(String what) {
        super(what + " is not known yet");
    }
}

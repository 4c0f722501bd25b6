package io.billstream.document.copy;

/**
 * An event needs a copy that has not arrived yet: a payment of an order whose creation another topic still carries.
 * The event fails and is retried with back-off until the copy is here.
 */
public class NotKnownYet extends RuntimeException {

    public NotKnownYet(String what) {
        super(what + " is not known yet");
    }
}

package io.billstream.notification.sms;

/** The provider did not take the SMS: for now (it is down, it throttles) or for good (the number is not valid). */
public class SmsNotSent extends RuntimeException {

    private final boolean permanent;

    public SmsNotSent(String reason, boolean permanent) {
        super(reason);
        this.permanent = permanent;
    }

    /** Sending it again cannot help. */
    public boolean permanent() {
        return permanent;
    }
}

package io.billstream.notification.sms;

import java.util.UUID;

/**
 * Where SMS go out: the sandbox provider here, a real provider (an SMS gateway's HTTP API) in its place. It is called
 * outside any database transaction and may block for as long as its own timeouts allow.
 */
public interface SmsProvider {

    /**
     * An SMS to send.
     *
     * @param id the message's id, the same each time it is sent again; a provider that supports it deduplicates by it
     * @param to the number in E.164 form
     * @param sender the merchant's name; a provider shortens it to what the network allows as a sender id
     */
    record Sms(UUID id, UUID merchantId, String to, String sender, String text) {}

    /** Sends the SMS, or throws {@link SmsNotSent}. */
    void send(Sms sms);
}

package io.billstream.events.billing;

import java.util.Map;

/**
 * What the ISO 8583 response codes acquirers decline with mean, in words a merchant and a customer understand: one
 * wording for the API, the documents and the messages.
 */
public final class DeclineCodes {

    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("04", "Card to be retained by the issuer"),
            Map.entry("05", "Do not honour: the issuer declined without a reason"),
            Map.entry("12", "Invalid transaction"),
            Map.entry("13", "Invalid amount"),
            Map.entry("14", "Invalid card number"),
            Map.entry("41", "Lost card"),
            Map.entry("43", "Stolen card"),
            Map.entry("51", "Insufficient funds"),
            Map.entry("54", "Expired card"),
            Map.entry("57", "Transaction not permitted to the cardholder"),
            Map.entry("61", "Withdrawal limit exceeded"),
            Map.entry("62", "Restricted card"),
            Map.entry("65", "Activity limit exceeded"),
            Map.entry("91", "Issuer unavailable"),
            Map.entry("96", "System malfunction at the issuer"));

    private DeclineCodes() {}

    /** The reason for {@code code} in words; for a code not listed, the issuer's decline with its code. */
    public static String reasonOf(String code) {
        String reason = REASONS.get(code);
        return reason != null ? reason : "Declined by the card issuer (code " + code + ")";
    }
}

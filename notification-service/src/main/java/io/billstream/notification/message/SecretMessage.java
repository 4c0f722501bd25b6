package io.billstream.notification.message;

import java.util.Arrays;
import java.util.Optional;

/**
 * The messages that carry a secret: a one-time code, or a link holding a token. portal-service asks for them over the
 * internal endpoint, never over Kafka. Each goes by email, and by SMS too where its template has an SMS text, the
 * merchant sends SMS and the customer has a phone: not the one-time password and the email confirmation, which prove
 * that the customer reads their email.
 */
public enum SecretMessage {
    ONE_TIME_PASSWORD("one-time-password", false, false),
    PORTAL_INVITATION("portal-invitation", true, false),
    EMAIL_CONFIRMATION("email-confirmation", true, false),
    PASSWORD_RESET("password-reset", true, false),
    PAYMENT_LINK("payment-link", true, true),
    USAGE_EXPORT_READY("usage-export-ready", true, true);

    private final String template;
    private final boolean carriesLink;
    private final boolean aboutAnOrder;

    SecretMessage(String template, boolean carriesLink, boolean aboutAnOrder) {
        this.template = template;
        this.carriesLink = carriesLink;
        this.aboutAnOrder = aboutAnOrder;
    }

    public static Optional<SecretMessage> of(String template) {
        return Arrays.stream(values())
                .filter(kind -> kind.template.equals(template))
                .findFirst();
    }

    public String template() {
        return template;
    }

    /** A link with a token, else a one-time code. */
    public boolean carriesLink() {
        return carriesLink;
    }

    /** It is about one of the customer's orders, which the request names. */
    public boolean aboutAnOrder() {
        return aboutAnOrder;
    }
}

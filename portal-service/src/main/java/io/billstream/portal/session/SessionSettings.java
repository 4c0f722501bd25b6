package io.billstream.portal.session;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long a portal session lasts: it ends after {@code idleTimeout} without a request, and {@code absoluteTimeout}
 * after sign-in however busy it is (OWASP's advice for low-risk applications is 15 to 30 minutes idle and a few hours
 * absolute; a payment portal sits at the cautious end).
 */
@ConfigurationProperties("billstream.portal.sessions")
public record SessionSettings(Duration idleTimeout, Duration absoluteTimeout) {

    public SessionSettings {
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(30) : idleTimeout;
        absoluteTimeout = absoluteTimeout == null ? Duration.ofHours(8) : absoluteTimeout;
    }
}

package io.billstream.portal.signin;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The one-time code's rules (QUALITY.md, Security): valid {@code codeValidity}, dead after {@code maxFailedAttempts}
 * wrong tries, a new one no sooner than {@code resendAfter}; at most {@code perEmail} codes per email and {@code
 * perClient} per client address within {@code limitWindow}.
 */
@ConfigurationProperties("billstream.portal.sign-in")
public record SignInSettings(
        Duration codeValidity,
        Integer maxFailedAttempts,
        Duration resendAfter,
        Integer perEmail,
        Integer perClient,
        Duration limitWindow) {

    public SignInSettings {
        codeValidity = codeValidity == null ? Duration.ofMinutes(10) : codeValidity;
        maxFailedAttempts = maxFailedAttempts == null ? 5 : maxFailedAttempts;
        resendAfter = resendAfter == null ? Duration.ofSeconds(60) : resendAfter;
        perEmail = perEmail == null ? 5 : perEmail;
        perClient = perClient == null ? 20 : perClient;
        limitWindow = limitWindow == null ? Duration.ofHours(1) : limitWindow;
    }
}

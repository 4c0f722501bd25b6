package io.billstream.platform.config;

import io.billstream.platform.apidoc.ApiDocumentationConfiguration;
import io.billstream.platform.copy.CopyConfiguration;
import io.billstream.platform.crash.CrashPoints;
import io.billstream.platform.health.HealthConfiguration;
import io.billstream.platform.idempotency.IdempotencyConfiguration;
import io.billstream.platform.inbox.InboxConfiguration;
import io.billstream.platform.migration.PlatformMigrations;
import io.billstream.platform.outbox.OutboxConfiguration;
import io.billstream.platform.security.SecurityConfiguration;
import io.billstream.platform.tracing.RequestIdFilter;
import io.billstream.platform.web.ProblemDetailsConfiguration;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The one auto-configuration every service gets by depending on the platform module. */
@AutoConfiguration(
        beforeName = {
            "io.namastack.outbox.config.OutboxCoreInfrastructureAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            // The platform's /error controller replaces Boot's, which backs off only if it sees ours first.
            "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration",
            // The platform's token decoder and filter chain must exist before Boot decides on its defaults.
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"
        })
@Import({
    PlatformMigrations.class,
    HealthConfiguration.class,
    OutboxConfiguration.class,
    InboxConfiguration.class,
    ProblemDetailsConfiguration.class,
    ApiDocumentationConfiguration.class,
    SecurityConfiguration.class,
    IdempotencyConfiguration.class,
    CopyConfiguration.class,
    RequestIdFilter.class
})
public class PlatformAutoConfiguration {

    /** Inert unless {@code billstream.crash-at} names a point: the crash-point tests' way to stop a process. */
    @Bean
    CrashPoints crashPoints(@Value("${billstream.crash-at:}") String crashAt) {
        return new CrashPoints(crashAt);
    }

    /** The one source of time; tests replace it with a fixed or mutable clock. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}

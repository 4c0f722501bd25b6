package io.billstream.platform.config;

import io.billstream.platform.health.HealthConfiguration;
import io.billstream.platform.inbox.InboxConfiguration;
import io.billstream.platform.migration.PlatformMigrations;
import io.billstream.platform.outbox.OutboxConfiguration;
import io.billstream.platform.tracing.RequestIdFilter;
import io.billstream.platform.web.ProblemDetailsConfiguration;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The one auto-configuration every service gets by depending on the platform module. */
@AutoConfiguration(
        beforeName = {
            "io.namastack.outbox.config.OutboxCoreInfrastructureAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"
        })
@Import({
    PlatformMigrations.class,
    HealthConfiguration.class,
    OutboxConfiguration.class,
    InboxConfiguration.class,
    ProblemDetailsConfiguration.class,
    RequestIdFilter.class
})
public class PlatformAutoConfiguration {

    /** The one source of time; tests replace it with a fixed or mutable clock. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}

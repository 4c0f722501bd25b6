package io.billstream.platform.migration;

import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Migrates the platform's own tables (outbox, inbox, event sequences, idempotency keys) before the service's. They
 * live in the {@code platform} schema with a history table of their own, so the platform and each service number
 * their migrations independently and neither can collide with the other.
 */
@Configuration(proxyBeanMethods = false)
public class PlatformMigrations {

    static final String SCHEMA = "platform";

    @Bean
    FlywayMigrationStrategy platformThenServiceMigrations() {
        return serviceFlyway -> {
            Flyway.configure()
                    .configuration(serviceFlyway.getConfiguration())
                    .schemas(SCHEMA)
                    .defaultSchema(SCHEMA)
                    .createSchemas(true)
                    .locations("classpath:db/platform")
                    .baselineOnMigrate(false)
                    .load()
                    .migrate();
            serviceFlyway.migrate();
        };
    }
}

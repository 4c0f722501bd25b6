package io.billstream.platform.idempotency;

import io.billstream.platform.web.ProblemResponses;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class IdempotencyConfiguration {

    /** Spring Security's filter chain runs at -100; the key's scope is the caller that chain has verified. */
    static final int AFTER_SECURITY = -90;

    @Bean
    IdempotencyKeys idempotencyKeys(
            DataSource dataSource,
            Clock clock,
            @Value("${billstream.idempotency.retention:24h}") Duration retention,
            @Value("${billstream.idempotency.lease:2m}") Duration lease) {
        if (retention.compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalArgumentException(
                    "billstream.idempotency.retention must be at least 24h, was " + retention);
        }
        return new IdempotencyKeys(JdbcClient.create(dataSource), clock, retention, lease);
    }

    @Bean
    FilterRegistrationBean<IdempotencyKeyFilter> idempotencyKeyFilter(IdempotencyKeys keys, ProblemResponses problems) {
        FilterRegistrationBean<IdempotencyKeyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyKeyFilter(keys, problems));
        registration.setOrder(AFTER_SECURITY);
        return registration;
    }
}

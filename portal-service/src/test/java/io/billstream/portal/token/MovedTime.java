package io.billstream.portal.token;

import io.billstream.platform.test.MovableClock;
import java.time.Clock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** The service's clock, moved forward by the tests that import this. */
@TestConfiguration
public class MovedTime {

    @Bean
    public Clock clock() {
        return new MovableClock();
    }
}

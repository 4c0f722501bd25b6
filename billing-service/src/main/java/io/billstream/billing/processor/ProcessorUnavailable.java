package io.billstream.billing.processor;

import io.billstream.platform.web.ProblemException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * The request did not reach the processor: it is known to be down (its circuit breaker is open), it refused the
 * connection, or too many requests are in flight already. Nothing was carried out, so whoever stored the request may
 * discard it or send it again under the same key. Answered 503 with {@code Retry-After}.
 */
public class ProcessorUnavailable extends ProblemException {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    public ProcessorUnavailable(String reason) {
        super(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Payment processor unavailable",
                "The payment processor cannot be reached (" + reason + "); nothing was charged. Try again later.");
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(RETRY_AFTER);
    }
}

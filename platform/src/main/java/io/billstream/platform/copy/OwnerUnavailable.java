package io.billstream.platform.copy;

import io.billstream.platform.web.ProblemException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * The owner of a subject could not be asked how far its events have gone (down, slow, its breaker open, or no service
 * token to ask with). Nothing was done: acting on a copy that may lag could charge a paused order or deny an order
 * that exists. Answered 503 with {@code Retry-After}; an {@code Idempotency-Key} is not kept for it.
 */
public class OwnerUnavailable extends ProblemException {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    public OwnerUnavailable(String owner, String reason) {
        super(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Service unavailable",
                owner + " could not confirm the latest state (" + reason + "); nothing was done. Try again shortly.");
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(RETRY_AFTER);
    }
}

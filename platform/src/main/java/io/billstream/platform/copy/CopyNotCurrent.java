package io.billstream.platform.copy;

import io.billstream.platform.web.ProblemException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * The owner has committed changes of a subject that this service's copy has not applied within the wait: acting now
 * would act on an older state than the caller was already told of. Nothing was done; answered 503 with
 * {@code Retry-After}, and an {@code Idempotency-Key} is not kept for it, so the same request may simply be sent again.
 */
public class CopyNotCurrent extends ProblemException {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    public CopyNotCurrent(String kind, UUID subject, String owner) {
        super(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Not up to date yet",
                "The latest changes of " + kind + " " + subject + " made at " + owner
                        + " have not reached this service yet; nothing was done. Try again in a moment.");
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(RETRY_AFTER);
    }
}

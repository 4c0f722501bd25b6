package io.billstream.platform.web;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * A refusal the caller should understand: a rule of the domain, a missing resource, a conflict. It becomes an
 * {@code application/problem+json} response with this status, title and detail, plus any properties, such as the
 * current status of an order that refuses a transition.
 */
public abstract class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final Map<String, Object> properties;

    protected ProblemException(HttpStatus status, String title, String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.title = title;
        this.properties = Map.copyOf(properties);
    }

    protected ProblemException(HttpStatus status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    /** When the caller may try again, sent as {@code Retry-After}: for a refusal that passes, such as a dependency down. */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }
}

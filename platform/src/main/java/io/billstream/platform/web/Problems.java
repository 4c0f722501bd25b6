package io.billstream.platform.web;

import io.billstream.platform.tracing.RequestIdFilter;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds the problem documents every service answers with, so they all look alike. */
final class Problems {

    static final String TYPE_BASE = "https://billstream.io/problems/";

    private Problems() {}

    static ProblemDetail of(HttpStatusCode status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create(TYPE_BASE + slug(title)));
        String requestId = MDC.get(RequestIdFilter.MDC_KEY);
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        return problem;
    }

    static ProblemDetail withErrors(ProblemDetail problem, List<FieldError> errors) {
        problem.setProperty("errors", errors);
        return problem;
    }

    static ProblemDetail withProperties(ProblemDetail problem, Map<String, Object> properties) {
        properties.forEach(problem::setProperty);
        return problem;
    }

    private static String slug(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    /** One field at fault: its JSON path, such as {@code lines[0].unitPrice.amount}, and what is wrong with it. */
    record FieldError(String field, String message) {}
}

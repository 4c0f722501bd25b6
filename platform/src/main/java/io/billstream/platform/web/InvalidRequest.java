package io.billstream.platform.web;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/**
 * Input that breaks a rule the service checks itself, beyond what Bean Validation expresses: answered 400 with every
 * field at fault, in the same shape as validation errors, and nothing is stored.
 */
public class InvalidRequest extends ProblemException {

    /** A field at fault: its JSON path, such as {@code lines[0].unitPrice}, and what is wrong with it. */
    public record FieldError(String field, String message) {}

    public InvalidRequest(List<FieldError> errors) {
        super(
                HttpStatus.BAD_REQUEST,
                "Invalid request",
                errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")),
                Map.of("errors", List.copyOf(errors)));
    }
}

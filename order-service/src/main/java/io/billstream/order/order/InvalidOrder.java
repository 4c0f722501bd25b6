package io.billstream.order.order;

import io.billstream.platform.web.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/** An order that breaks a rule of its purchase type; answered 400 with every field at fault, nothing is stored. */
class InvalidOrder extends ProblemException {

    record FieldError(String field, String message) {}

    InvalidOrder(List<FieldError> errors) {
        super(
                HttpStatus.BAD_REQUEST,
                "Invalid request",
                errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")),
                Map.of("errors", errors));
    }
}

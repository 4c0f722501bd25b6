package io.billstream.order.merchant;

import io.billstream.platform.web.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/** Settings that break a rule; answered 400 with every field at fault, and nothing is stored. */
class InvalidMerchantSettings extends ProblemException {

    record FieldError(String field, String message) {}

    InvalidMerchantSettings(List<FieldError> errors) {
        super(
                HttpStatus.BAD_REQUEST,
                "Invalid request",
                errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")),
                Map.of("errors", errors));
    }
}

package io.billstream.platform.web;

import io.billstream.platform.web.Problems.FieldError;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error raised while handling a request becomes {@code application/problem+json}: Spring MVC's own (404, 405,
 * 415, ...), unreadable or invalid bodies with the fields at fault, the services' {@link ProblemException}s, and
 * anything unexpected as a 500 that gives away nothing but the request id to quote.
 */
@RestControllerAdvice
// Ahead of any ResponseEntityExceptionHandler a library registers, so every service answers alike.
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException e) {
        ProblemDetail problem =
                Problems.withProperties(Problems.of(e.status(), e.title(), e.getMessage()), e.properties());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        e.retryAfter().ifPresent(wait -> response.header(HttpHeaders.RETRY_AFTER, Long.toString(wait.toSeconds())));
        return response.body(problem);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(violation -> new FieldError(violation.getPropertyPath().toString(), violation.getMessage()))
                .toList();
        return badRequest("Invalid request", describe(errors), errors);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) throws Exception {
        if (e instanceof AccessDeniedException) {
            throw e; // Spring Security answers it (403 or 401)
        }
        log.error("Unexpected error", e);
        ProblemDetail problem = Problems.of(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal error",
                "The request could not be completed; quote the request id when reporting it.");
        return ResponseEntity.internalServerError().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
                .toList();
        return asObject(badRequest("Invalid request", describe(errors), errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldError(
                                result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                .toList();
        return asObject(badRequest("Invalid request", describe(errors), errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        JacksonException jackson = jacksonCause(e);
        if (jackson != null) {
            String field = jackson.getPath().stream()
                    .map(reference -> reference.getPropertyName() != null
                            ? "." + reference.getPropertyName()
                            : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining())
                    .replaceFirst("^\\.", "");
            String message = jackson instanceof UnrecognizedPropertyException ? "unknown field" : rootMessage(jackson);
            if (!field.isEmpty()) {
                List<FieldError> errors = List.of(new FieldError(field, message));
                return asObject(badRequest("Malformed request body", field + ": " + message, errors));
            }
            String detail = jackson instanceof StreamReadException
                    ? "The body is not valid JSON."
                    : "The body could not be read: " + message + ".";
            return asObject(badRequest("Malformed request body", detail, List.of()));
        }
        return asObject(badRequest("Malformed request body", "The request body is missing or unreadable.", List.of()));
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            ProblemDetail uniform =
                    Problems.of(status, problem.getTitle() == null ? "Error" : problem.getTitle(), problem.getDetail());
            if (problem.getProperties() != null) {
                problem.getProperties().forEach(uniform::setProperty);
            }
            return new ResponseEntity<>(uniform, headers, status);
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static JacksonException jacksonCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof JacksonException jackson) {
                return jackson;
            }
        }
        return null;
    }

    /**
     * What to tell the caller about a value that could not be read: the domain's own refusal (a value type's
     * {@link IllegalArgumentException}, such as a negative amount) or a plain word, never a class name or a JDK
     * message about the code.
     */
    private static String rootMessage(JacksonException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof IllegalArgumentException refusal && refusal.getMessage() != null) {
                return refusal.getMessage();
            }
        }
        return e instanceof StreamReadException ? "malformed JSON" : "invalid value";
    }

    private static ResponseEntity<ProblemDetail> badRequest(String title, String detail, List<FieldError> errors) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, title, detail);
        if (!errors.isEmpty()) {
            Problems.withErrors(problem, errors);
        }
        return ResponseEntity.badRequest().body(problem);
    }

    private static String describe(List<FieldError> errors) {
        return errors.stream()
                .map(error -> error.field() + ": " + error.message())
                .collect(Collectors.joining("; "));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> asObject(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }
}

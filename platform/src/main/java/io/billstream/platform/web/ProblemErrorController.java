package io.billstream.platform.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that happen outside Spring MVC (a servlet filter, the container) are forwarded to {@code /error}; this
 * answers them in the same problem format instead of Boot's default JSON or HTML page.
 */
// Not part of any service's API: only the container forwards here.
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

    // No 'produces': a client that accepts only application/json must still get the problem, not a 406.
    @RequestMapping(path = "${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value
                ? HttpStatus.resolve(value) == null ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.resolve(value)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        String detail = status.is5xxServerError()
                ? "The request could not be completed; quote the request id when reporting it."
                : status.getReasonPhrase();
        ProblemDetail problem = Problems.of(status, status.getReasonPhrase(), detail);
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (path != null) {
            problem.setInstance(URI.create(path.toString()));
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}

package io.billstream.gateway.web;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers every error the gateway produces itself as {@code application/problem+json} (RFC 9457), so a client sees one
 * error format whether a service or the gateway turned the request down; a browser asking for a portal page gets a
 * page in its language instead ({@link BrowserRefusals}). A service's own error responses are proxied
 * untouched and never reach this handler; it sees only requests that got no answer from a service at all.
 *
 * <p>Being an {@link ErrorWebExceptionHandler} bean makes Boot's default handler back off, so there is one error
 * format, not two competing ones.
 */
@Component
final class ProblemJsonErrorHandler implements ErrorWebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ProblemJsonErrorHandler.class);

    // The services' type scheme (the platform's Problems), repeated here because the platform module is servlet-based
    // and cannot run inside this WebFlux application: a client sees the same types from the gateway and the services.
    private static final String TYPE_BASE = "https://billstream.io/problems/";

    private final JsonMapper json;

    ProblemJsonErrorHandler(JsonMapper json) {
        this.json = json;
    }

    @Override
    public int getOrder() {
        // Ahead of WebFlux's ResponseStatusException handler (order 0), which would answer with an empty body.
        return -2;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            // Part of a service's answer is already on the wire; the only honest signal left is a broken connection.
            return Mono.error(error);
        }
        Problem problem = describe(exchange, error);
        response.setStatusCode(problem.status());
        HttpHeaders headers = response.getHeaders();
        headers.addAll(problem.headers());
        byte[] body;
        if (BrowserRefusals.wantAPage(exchange.getRequest())) {
            body = BrowserRefusals.page(exchange.getRequest(), problem.status(), problem.headers());
            headers.setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
        } else {
            body = json.writeValueAsBytes(problem.body(exchange));
            headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        headers.setContentLength(body.length);
        // The gateway's own answers complete at once, on the request's own event-loop turn. Reactor Netty 1.3 can then
        // stop reading a kept-alive connection (reactor/reactor-netty#4347): the client's next request on it would
        // never be answered. Closing the connection after such an answer costs a reconnect after an error, and a
        // flood of refused requests (401, 429) pays for its own connections.
        headers.setConnection("close");
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private Problem describe(ServerWebExchange exchange, Throwable error) {
        String service = RoutedService.of(exchange);
        ErrorResponse errorResponse = error instanceof ErrorResponse known ? known : null;
        HttpHeaders headers = errorResponse != null ? errorResponse.getHeaders() : new HttpHeaders();

        if (service != null) {
            Problem upstream = describeUpstreamFailure(service, error, errorResponse, headers);
            if (upstream != null) {
                logUpstreamFailure(exchange, upstream, error);
                return upstream;
            }
        }
        if (errorResponse != null) {
            HttpStatusCode status = errorResponse.getStatusCode();
            return new Problem(status, detailOf(exchange, status, service, errorResponse), service, headers);
        }
        log.error(
                "Gateway failed path='{}' requestId='{}'",
                exchange.getRequest().getPath().value(),
                RequestIdWebFilter.requestId(exchange),
                error);
        return new Problem(
                HttpStatus.INTERNAL_SERVER_ERROR, "The gateway could not handle this request", service, headers);
    }

    /**
     * A route matched, so the failure is about reaching the service behind it. The detail names the service but never
     * its address: the address is an internal detail, and the name is what a merchant can quote to support.
     */
    private static @Nullable Problem describeUpstreamFailure(
            String service, Throwable error, @Nullable ErrorResponse errorResponse, HttpHeaders headers) {
        if (error instanceof ServiceGuards.CircuitOpen open) {
            return new Problem(HttpStatus.SERVICE_UNAVAILABLE, open.getReason(), service, headers);
        }
        HttpStatusCode status = errorResponse != null ? errorResponse.getStatusCode() : null;
        // Connect timeouts are ConnectExceptions too: either way nothing is listening that answers.
        if (causedBy(error, ConnectException.class) || causedBy(error, UnknownHostException.class)) {
            return new Problem(HttpStatus.SERVICE_UNAVAILABLE, service + " is not reachable", service, headers);
        }
        // The service's time limit (ServiceGuards) and Reactor's own timeouts arrive as TimeoutExceptions, an HTTP
        // client
        // response timeout as a 504 ResponseStatusException.
        if (causedBy(error, TimeoutException.class) || (status != null && status.value() == 504)) {
            return new Problem(HttpStatus.GATEWAY_TIMEOUT, service + " did not answer in time", service, headers);
        }
        if (status != null) {
            return status.is5xxServerError()
                    ? new Problem(status, service + " is not available", service, headers)
                    : null;
        }
        if (causedBy(error, IOException.class)) {
            return new Problem(
                    HttpStatus.BAD_GATEWAY, service + " closed the connection before answering", service, headers);
        }
        return null;
    }

    private static String detailOf(
            ServerWebExchange exchange, HttpStatusCode status, @Nullable String service, ErrorResponse errorResponse) {
        ServerHttpRequest request = exchange.getRequest();
        if (status.value() == 404 && service == null) {
            // No route matched; a service's own 404 is proxied as it is and never gets here.
            return "No Billstream API or portal page matches "
                    + request.getMethod().name() + " " + request.getPath().value();
        }
        String detail = errorResponse.getBody().getDetail();
        if (detail != null && !detail.isBlank()) {
            return detail;
        }
        return titleOf(status);
    }

    private static void logUpstreamFailure(ServerWebExchange exchange, Problem problem, Throwable error) {
        // A service being down is an operational fact, not a gateway bug: one line, no stack trace.
        log.warn(
                "Service call failed service='{}' status='{}' path='{}' requestId='{}' cause='{}'",
                problem.service(),
                problem.status().value(),
                exchange.getRequest().getPath().value(),
                RequestIdWebFilter.requestId(exchange),
                rootCause(error).toString());
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable current = error; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable error) {
        Throwable current = error;
        while (current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String slug(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static String titleOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known != null ? known.getReasonPhrase() : "HTTP " + status.value();
    }

    private record Problem(
            HttpStatusCode status, String detail, @Nullable String service, HttpHeaders headers) {

        Map<String, Object> body(ServerWebExchange exchange) {
            // "service" and "requestId" are extension members a client can read without parsing the detail.
            String title = titleOf(status);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", TYPE_BASE + slug(title));
            body.put("title", title);
            body.put("status", status.value());
            body.put("detail", detail);
            body.put("instance", exchange.getRequest().getPath().value());
            if (service != null) {
                body.put("service", service);
            }
            String requestId = RequestIdWebFilter.requestId(exchange);
            if (requestId != null) {
                body.put("requestId", requestId);
            }
            return body;
        }
    }
}

package io.billstream.gateway.web;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.time.Duration;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Guards every call to a service with a time limit and a circuit breaker, both named after the service (the route's
 * {@code metadata.service}) and configured under {@code resilience4j.timelimiter} and {@code
 * resilience4j.circuitbreaker}. One global filter rather than a filter on each route: a route added later is guarded
 * without anyone remembering to, and the routes of one service share its breaker.
 *
 * <p>What counts as a failure is the service not answering: a refused or timed-out connection, no answer within the
 * time limit, a connection dropped before the answer. A service's own answers, 5xx included, are answers: the breaker
 * trips on a service that is gone, not on one that reports its own trouble in a response the client should see.
 */
@Component
final class ServiceGuards implements GlobalFilter, Ordered {

    private final CircuitBreakerRegistry breakers;
    private final TimeLimiterRegistry timeLimiters;

    ServiceGuards(CircuitBreakerRegistry breakers, TimeLimiterRegistry timeLimiters) {
        this.breakers = breakers;
        this.timeLimiters = timeLimiters;
    }

    @Override
    public int getOrder() {
        // Inside the response writer: the routing filter's part ends when the service's status and headers arrive, so
        // the time limit is on the service's answer, not on streaming a large document to a slow client.
        return NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String service = RoutedService.of(exchange);
        if (service == null) {
            return chain.filter(exchange);
        }
        CircuitBreaker breaker = breakers.circuitBreaker(service);
        TimeLimiter timeLimiter = timeLimiters.timeLimiter(service);
        // The breaker outside the time limit, so that a timeout counts as a failure.
        return chain.filter(exchange)
                .transformDeferred(TimeLimiterOperator.of(timeLimiter))
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .onErrorMap(
                        CallNotPermittedException.class, open -> new CircuitOpen(service, waitInOpenState(breaker)));
    }

    private static Duration waitInOpenState(CircuitBreaker breaker) {
        return Duration.ofMillis(breaker.getCircuitBreakerConfig()
                .getWaitIntervalFunctionInOpenState()
                .apply(1));
    }

    /** 503 without calling the service: it failed too often just now; Retry-After is the breaker's wait. */
    static final class CircuitOpen extends ResponseStatusException {
        private final long retryAfterSeconds;

        CircuitOpen(String service, Duration wait) {
            super(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    service + " is not available: it failed repeatedly just now, so the gateway is not calling it for"
                            + " up to " + seconds(wait) + " s");
            this.retryAfterSeconds = seconds(wait);
        }

        private static long seconds(Duration wait) {
            return Math.max(1, (wait.toMillis() + 999) / 1000);
        }

        @Override
        public HttpHeaders getHeaders() {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
            return headers;
        }
    }
}

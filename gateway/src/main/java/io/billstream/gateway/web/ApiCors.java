package io.billstream.gateway.web;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Cross-origin calls to the API from the origins a deployment lists in {@code billstream.gateway.cors.allowed-origins}
 * (none by default: an API key belongs on a merchant's server, so browsers calling the API are the exception, such as
 * a merchant's own back-office front end). Runs before the key check, because a browser's preflight carries no key.
 * A refused cross-origin request gets a 403 problem rather than Spring's empty 403.
 */
@Component
final class ApiCors implements WebFilter, Ordered {

    private static final PathPattern API = PathPatternParser.defaultInstance.parse("/api/**");

    private final @Nullable CorsConfiguration configuration;
    private final DefaultCorsProcessor processor = new DefaultCorsProcessor();

    ApiCors(@Value("${billstream.gateway.cors.allowed-origins:}") List<String> allowedOrigins) {
        this.configuration = allowedOrigins.isEmpty() ? null : configurationFor(allowedOrigins);
    }

    private static CorsConfiguration configurationFor(List<String> allowedOrigins) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(allowedOrigins);
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "X-Request-Id"));
        cors.setExposedHeaders(List.of("X-Request-Id", "Retry-After", "Location", "Idempotent-Replayed"));
        // Bearer keys, no cookies: a browser never sends the portal's session to the API.
        cors.setAllowCredentials(false);
        cors.setMaxAge(Duration.ofHours(1));
        return cors;
    }

    @Override
    public int getOrder() {
        // After the rate limits (a preflight flood is limited too), before the key check.
        return Ordered.HIGHEST_PRECEDENCE + 7;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (configuration == null
                || !CorsUtils.isCorsRequest(exchange.getRequest())
                || !API.matches(exchange.getRequest().getPath().pathWithinApplication())) {
            return chain.filter(exchange);
        }
        if (!processor.process(configuration, exchange)) {
            return Mono.error(new ResponseStatusException(
                    HttpStatus.FORBIDDEN,
                    "Cross-origin calls to the API are not allowed from "
                            + exchange.getRequest().getHeaders().getOrigin()));
        }
        // An allowed preflight is answered here; the actual request goes on with its CORS headers set.
        return CorsUtils.isPreFlightRequest(exchange.getRequest()) ? Mono.empty() : chain.filter(exchange);
    }
}

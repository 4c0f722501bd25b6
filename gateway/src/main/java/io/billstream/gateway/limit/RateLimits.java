package io.billstream.gateway.limit;

import io.billstream.gateway.auth.CredentialDigest;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Rate limits, checked before anything else is done for a request: per client address on every route, per API key on
 * the API (keyed by the key's SHA-256, before the key is exchanged, so a flood never reaches portal-service), and a
 * much stricter one per client address on the sign-in posts (codes, passwords, resets). A refusal is 429 with {@code
 * Retry-After}, as problem JSON.
 */
@Component
final class RateLimits implements WebFilter, Ordered {

    private static final String BEARER = "Bearer ";

    private final TokenBuckets perClient;
    private final TokenBuckets perApiKey;
    private final TokenBuckets perClientSigningIn;
    private final List<PathPattern> signInPosts;

    RateLimits(
            @Value("${billstream.gateway.rate-limits.client.capacity}") int clientCapacity,
            @Value("${billstream.gateway.rate-limits.client.per-second}") double clientPerSecond,
            @Value("${billstream.gateway.rate-limits.api-key.capacity}") int keyCapacity,
            @Value("${billstream.gateway.rate-limits.api-key.per-second}") double keyPerSecond,
            @Value("${billstream.gateway.rate-limits.sign-in.capacity}") int signInCapacity,
            @Value("${billstream.gateway.rate-limits.sign-in.per-minute}") double signInPerMinute,
            @Value("${billstream.gateway.rate-limits.sign-in.paths}") List<String> signInPosts,
            Clock clock) {
        this.perClient = new TokenBuckets(clientCapacity, clientPerSecond, clock);
        this.perApiKey = new TokenBuckets(keyCapacity, keyPerSecond, clock);
        this.perClientSigningIn = new TokenBuckets(signInCapacity, signInPerMinute / 60, clock);
        this.signInPosts = signInPosts.stream()
                .map(PathPatternParser.defaultInstance::parse)
                .toList();
    }

    @Override
    public int getOrder() {
        // After the request id (so a refusal carries one), before the API key is exchanged.
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String client = clientAddress(request);
        Optional<Duration> wait = perClient.take(client);
        if (wait.isEmpty() && isSignInPost(request)) {
            wait = perClientSigningIn.take(client);
        }
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (wait.isEmpty()
                && authorization != null
                && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            wait = perApiKey.take(
                    CredentialDigest.of(authorization.substring(BEARER.length()).strip()));
        }
        return wait.<Mono<Void>>map(duration -> Mono.error(new TooManyRequests(duration)))
                .orElseGet(() -> chain.filter(exchange));
    }

    private boolean isSignInPost(ServerHttpRequest request) {
        return request.getMethod() == HttpMethod.POST
                && signInPosts.stream()
                        .anyMatch(pattern -> pattern.matches(request.getPath().pathWithinApplication()));
    }

    private static String clientAddress(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote != null && remote.getAddress() != null
                ? remote.getAddress().getHostAddress()
                : "unknown";
    }

    /** 429 with the seconds until a request would go through; the problem handler makes it problem JSON. */
    static final class TooManyRequests extends ResponseStatusException {
        private final long retryAfterSeconds;

        TooManyRequests(Duration wait) {
            super(HttpStatus.TOO_MANY_REQUESTS, "Too many requests; try again in " + seconds(wait) + " s.");
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

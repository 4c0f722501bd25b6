package io.billstream.gateway.auth;

import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * The merchant API's front door: the caller's {@code Authorization: Bearer <API key>} is exchanged for an internal
 * token, which replaces it on the way to the service; the key itself goes no further than portal-service. A missing,
 * unknown, revoked or malformed credential, or an internal token presented from outside, is answered 401 before any
 * route is tried. The portal's own pages are not covered: portal-service signs customers in itself.
 *
 * <p>A web filter rather than a gateway filter, so that no request on these paths reaches routing unauthenticated.
 */
@Component
final class MerchantAuthentication implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(MerchantAuthentication.class);

    private static final String BEARER = "Bearer ";
    // Longer than any key or credential portal-service issues; longer ones are refused without asking it.
    private static final int LONGEST_CREDENTIAL = 200;

    private final List<PathPattern> protectedPaths;
    private final CredentialExchange credentials;

    MerchantAuthentication(
            @Value("${billstream.gateway.authentication.paths}") List<String> protectedPaths,
            CredentialExchange credentials) {
        this.protectedPaths = protectedPaths.stream()
                .map(PathPatternParser.defaultInstance::parse)
                .toList();
        this.credentials = credentials;
    }

    @Override
    public int getOrder() {
        // Right after the request id, so that a refusal carries one.
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var path = exchange.getRequest().getPath().pathWithinApplication();
        if (protectedPaths.stream().noneMatch(pattern -> pattern.matches(path))) {
            return chain.filter(exchange);
        }
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Mono.error(new Unauthenticated("An API key is required: send it as Authorization: Bearer <key>."));
        }
        String credential = header.substring(BEARER.length()).trim();
        if (credential.isEmpty() || credential.length() > LONGEST_CREDENTIAL) {
            return Mono.error(new Unauthenticated(Unauthenticated.NOT_VALID));
        }
        return credentials
                .tokenFor(credential)
                .onErrorMap(error -> {
                    log.warn("Credential exchange failed cause='{}'", error.toString());
                    return new ResponseStatusException(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "portal-service is not reachable, so the API key cannot be checked; try again shortly");
                })
                .flatMap(token -> forward(exchange, chain, token));
    }

    private static Mono<Void> forward(ServerWebExchange exchange, WebFilterChain chain, Optional<String> token) {
        if (token.isEmpty()) {
            return Mono.error(new Unauthenticated(Unauthenticated.NOT_VALID));
        }
        return chain.filter(exchange.mutate()
                .request(request -> request.headers(headers -> headers.setBearerAuth(token.get())))
                .build());
    }

    /** 401 with the challenge RFC 6750 asks for; the problem handler turns it into problem JSON. */
    static final class Unauthenticated extends ResponseStatusException {

        static final String NOT_VALID = "The API key is not valid: it is unknown, revoked or malformed.";

        Unauthenticated(String detail) {
            super(HttpStatus.UNAUTHORIZED, detail);
        }

        @Override
        public HttpHeaders getHeaders() {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"billstream\"");
            return headers;
        }
    }
}

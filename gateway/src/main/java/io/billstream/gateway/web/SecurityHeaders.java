package io.billstream.gateway.web;

import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The browser-facing security headers on every answer, the services' and the gateway's own alike: HSTS, {@code
 * nosniff}, no framing, no referrer. A Content-Security-Policy a service set for its page is kept (portal-service knows
 * what its pages load); any other answer gets the gateway's: HTML the portal's policy, the Swagger UI one that lets
 * its scripts and styles load, and everything else (JSON, problems) a policy that allows nothing at all. PDFs get
 * none: a browser's built-in viewer may refuse to draw a document whose policy forbids everything.
 */
@Component
final class SecurityHeaders implements WebFilter, Ordered {

    // Two years, subdomains included: the portal and the API are served over HTTPS only. Browsers ignore the header on
    // plain HTTP, so a local devstack is not pinned.
    static final String STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

    static final String NOTHING_POLICY = "default-src 'none'; frame-ancestors 'none'";

    // The same as portal-service's own pages.
    static final String PAGE_POLICY = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' https:;"
            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    // Swagger UI loads its scripts and styles from here, draws inline styles, and fetches the OpenAPI documents.
    static final String DOCS_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static final String DOCS_PATH = "/swagger-ui";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpResponse response = exchange.getResponse();
        boolean docs = exchange.getRequest().getPath().value().startsWith(DOCS_PATH);
        // At commit time: only then are the service's headers (and its own policy, if any) in the response.
        response.beforeCommit(() -> {
            HttpHeaders headers = response.getHeaders();
            headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            if (!headers.containsHeader("Referrer-Policy")) {
                headers.set("Referrer-Policy", "no-referrer");
            }
            MediaType type = headers.getContentType();
            if (!headers.containsHeader("Content-Security-Policy")
                    && !MediaType.APPLICATION_PDF.isCompatibleWith(type)) {
                headers.set("Content-Security-Policy", policyFor(type, docs));
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    private static String policyFor(@Nullable MediaType type, boolean docs) {
        if (docs) {
            return DOCS_POLICY;
        }
        return type != null && type.isCompatibleWith(MediaType.TEXT_HTML) ? PAGE_POLICY : NOTHING_POLICY;
    }
}

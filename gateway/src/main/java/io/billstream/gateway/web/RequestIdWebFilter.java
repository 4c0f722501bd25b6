package io.billstream.gateway.web;

import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an {@code X-Request-Id}, passes it to the service and echoes it on the response, so a merchant
 * can quote one id that appears in the logs of the gateway and of every service the request touched.
 *
 * <p>A web filter rather than a gateway default filter: default filters run only once a route has matched, and the
 * gateway's own errors (no route, service down) must carry the id too.
 */
@Component
final class RequestIdWebFilter implements WebFilter, Ordered {

    static final String HEADER = "X-Request-Id";

    private static final String ATTRIBUTE = RequestIdWebFilter.class.getName() + ".requestId";

    // A caller's id ends up in every service's logs, so only a short plain token is kept; anything else is replaced.
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    public int getOrder() {
        // First, so that whatever fails later in the chain already has an id to report.
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String offered = exchange.getRequest().getHeaders().getFirst(HEADER);
        boolean keep = offered != null && ACCEPTED.matcher(offered).matches();
        String requestId = keep ? offered : UUID.randomUUID().toString();
        exchange.getAttributes().put(ATTRIBUTE, requestId);

        ServerHttpResponse response = exchange.getResponse();
        // Set at commit time, not now: the proxied response adds the service's headers, and a service that echoes the
        // id would otherwise leave two copies of it.
        response.beforeCommit(() -> {
            response.getHeaders().set(HEADER, requestId);
            return Mono.empty();
        });

        if (keep) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate()
                .request(request -> request.header(HEADER, requestId))
                .build());
    }

    /** The id given to this exchange, or null if the exchange failed before this filter ran. */
    static @Nullable String requestId(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }
}

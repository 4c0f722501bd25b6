package io.billstream.gateway.web;

import java.net.InetSocketAddress;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells the services who called: {@code X-Forwarded-For} is the address the connection came from, whatever the client
 * wrote there, so that a service's limits per client address (portal-service's one-time codes) cannot be dodged by
 * writing the header. Spring Cloud Gateway itself drops {@code X-Forwarded-*} unless the peer is a trusted proxy; the
 * gateway is the edge, so its peer is the client, and this filter runs after Spring Cloud Gateway's own. Should a load
 * balancer stand in front one day, this becomes "the last address that balancer added".
 */
@Component
final class ClientAddressHeadersFilter implements HttpHeadersFilter, Ordered {

    static final String HEADER = "X-Forwarded-For";

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(input);
        headers.remove(HEADER);
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote != null && remote.getAddress() != null) {
            headers.set(HEADER, remote.getAddress().getHostAddress());
        }
        return headers;
    }
}

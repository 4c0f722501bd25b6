package io.billstream.gateway.web;

import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.server.ServerWebExchange;

/** The service behind the route an exchange matched: its {@code metadata.service}, shared by several routes. */
final class RoutedService {

    private static final String SERVICE_METADATA = "service";

    private RoutedService() {}

    /** The service's name, or null while no route matched (or none will). */
    static @Nullable String of(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return null;
        }
        Object service = route.getMetadata().get(SERVICE_METADATA);
        return service != null ? service.toString() : route.getId();
    }
}

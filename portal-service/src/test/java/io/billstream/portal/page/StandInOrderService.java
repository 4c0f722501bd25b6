package io.billstream.portal.page;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * order-service's order endpoints portal-service calls, as a real HTTP server: {@code GET /api/v1/orders/{id}} and
 * {@code POST /api/v1/orders/{id}/payment-link}, answering for the merchant named in the forwarded token (its {@code
 * merchant_id} claim; the token's signature is order-service's platform's to check, shown in its own tests), 404 for
 * another merchant's order and 409 for a step the status does not allow, as order-service does.
 */
final class StandInOrderService {

    static final StandInOrderService INSTANCE = new StandInOrderService();

    private static final Pattern PATH = Pattern.compile("/api/v1/orders/([0-9a-f-]{36})(/payment-link)?");

    record Order(UUID merchantId, UUID customerId, String status) {}

    private final HttpServer server;
    private final Map<UUID, Order> orders = new ConcurrentHashMap<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile boolean away;

    private StandInOrderService() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v1/orders/", this::answer);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void put(UUID orderId, Order order) {
        orders.put(orderId, order);
    }

    Order order(UUID orderId) {
        return orders.get(orderId);
    }

    void away(boolean away) {
        this.away = away;
    }

    /** Every Authorization header received. */
    List<String> authorizations() {
        return authorizations;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (away) {
                send(exchange, 503, "{\"status\":503}");
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(authorization);
            Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
            if (!path.matches()) {
                send(exchange, 404, "{\"status\":404}");
                return;
            }
            UUID orderId = UUID.fromString(path.group(1));
            Order order = orders.get(orderId);
            if (order == null || !order.merchantId().equals(merchantOf(authorization))) {
                send(exchange, 404, "{\"status\":404,\"detail\":\"No order " + orderId + "\"}");
                return;
            }
            if (path.group(2) != null) {
                if (!order.status().equals("DRAFT") && !order.status().equals("REJECTED")) {
                    send(exchange, 409, "{\"status\":409,\"currentStatus\":\"" + order.status() + "\"}");
                    return;
                }
                order = new Order(order.merchantId(), order.customerId(), "PENDING");
                orders.put(orderId, order);
            }
            send(
                    exchange,
                    200,
                    "{\"id\":\"%s\",\"customerId\":\"%s\",\"status\":\"%s\"}"
                            .formatted(orderId, order.customerId(), order.status()));
        }
    }

    private static UUID merchantOf(String authorization) {
        String payload = authorization.substring("Bearer ".length()).split("\\.")[1];
        return UUID.fromString(JsonMapper.shared()
                .readTree(Base64.getUrlDecoder().decode(payload))
                .path("merchant_id")
                .asString());
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
                .set("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}

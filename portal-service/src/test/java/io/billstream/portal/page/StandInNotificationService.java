package io.billstream.portal.page;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * notification-service's internal message endpoint as a real HTTP server, keeping what portal-service asked it to send
 * and the token it was asked with. notification-service's own tests show what it does with such a request; here it
 * answers 202, or 503 while {@link #away(boolean) away}. One for all portal tests, so their contexts are shared.
 */
final class StandInNotificationService {

    static final StandInNotificationService INSTANCE = new StandInNotificationService();

    /** A request as it arrived: its JSON body and its Authorization header. */
    record Request(JsonNode body, String authorization) {}

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile boolean away;

    private StandInNotificationService() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/internal/v1/messages", this::answer);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void away(boolean away) {
        this.away = away;
    }

    /** What was asked for the customer, in order, including repeats. */
    List<Request> requestsFor(String customerId) {
        return requests.stream()
                .filter(request -> request.body().path("customerId").asString().equals(customerId))
                .toList();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (away) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            JsonNode body =
                    JsonMapper.shared().readTree(exchange.getRequestBody().readAllBytes());
            requests.add(new Request(body, exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] answer = "[]".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(202, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }
}

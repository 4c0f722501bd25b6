package io.billstream.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * portal-service's credential exchange as a real HTTP server: {@code POST /internal/v1/tokens} answers a token for a
 * key it knows and 401 problem JSON for anything else, as portal-service does; any other path answers {@code
 * {"servedBy":"portal-service"}}. Each token is new ({@code internal-1},
 * {@code internal-2}, …) and lives {@link #LIFETIME}, stamped by the clock the test moves.
 */
final class StandInPortal implements AutoCloseable {

    static final Duration LIFETIME = Duration.ofMinutes(1);

    private static final Pattern CREDENTIAL = Pattern.compile("\"credential\"\\s*:\\s*\"([^\"]*)\"");

    private final HttpServer server;
    private final Clock clock;
    private final Set<String> validKeys = ConcurrentHashMap.newKeySet();
    private final AtomicInteger exchanges = new AtomicInteger();
    private final Set<String> presented = ConcurrentHashMap.newKeySet();
    private volatile boolean failing;

    StandInPortal(Clock clock, String... validKeys) {
        this.clock = clock;
        this.validKeys.addAll(Set.of(validKeys));
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::answer);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** While failing, every exchange answers 500, as a portal-service that cannot reach its database would. */
    void failing(boolean failing) {
        this.failing = failing;
    }

    void revoke(String key) {
        validKeys.remove(key);
    }

    /** How many exchanges were asked for so far. */
    int exchanges() {
        return exchanges.get();
    }

    /** Every credential presented to the exchange, valid or not. */
    Set<String> presented() {
        return presented;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/internal/v1/tokens")) {
                // Any other path stands for portal-service's own resources, such as a merchant's API keys.
                send(exchange, 200, "application/json", "{\"servedBy\":\"portal-service\"}");
                return;
            }
            if (failing) {
                send(exchange, 500, "application/problem+json", "{\"status\":500}");
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher credential = CREDENTIAL.matcher(body);
            if (!credential.find()) {
                send(exchange, 400, "application/problem+json", "{\"status\":400}");
                return;
            }
            presented.add(credential.group(1));
            int number = exchanges.incrementAndGet();
            if (!validKeys.contains(credential.group(1))) {
                send(
                        exchange,
                        401,
                        "application/problem+json",
                        "{\"status\":401,\"detail\":\"The credential is not valid.\"}");
                return;
            }
            String issued = "{\"token\":\"internal-%d\",\"expiresAt\":\"%s\"}"
                    .formatted(number, clock.instant().plus(LIFETIME));
            send(exchange, 200, "application/json", issued);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

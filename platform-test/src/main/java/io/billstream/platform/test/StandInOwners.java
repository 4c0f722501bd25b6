package io.billstream.platform.test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.billstream.events.EventJson;
import io.billstream.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The other services as a follower under test asks them how far their subjects' events have gone
 * ({@code POST /internal/v1/event-versions}, ADR 13), answered from what the test published in their name with
 * {@link EventWriter}: each subject's merchant and the highest sequence written for it, sent or not, as the owner's
 * counter would stand after committing those events. A real HTTP server on loopback, shared by the test JVM.
 */
public final class StandInOwners {

    private record Published(UUID merchantId, long sequence) {}

    private static final Map<String, Published> published = new ConcurrentHashMap<>();
    private static volatile boolean down;
    private static String address;

    private StandInOwners() {}

    /** The base address every service name resolves to in tests. */
    public static synchronized String address() {
        if (address == null) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                server.createContext("/internal/v1/event-versions", StandInOwners::answer);
                server.start();
                address = "http://127.0.0.1:" + server.getAddress().getPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return address;
    }

    /**
     * The settings with which a service under test gets a token of its own ({@link TestTokens#tokenUri()}) and asks
     * the other services, all standing in here, how far their subjects have gone: for test contexts and processes.
     */
    public static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("billstream.services.token-uri", TestTokens.tokenUri());
        settings.put("billstream.services.credential", TestTokens.serviceCredential("${spring.application.name}"));
        for (String service : Topics.OWNERS.values()) {
            settings.put("billstream.services." + service, address());
        }
        return settings;
    }

    /** Records that the owner committed event {@code sequence} of the subject. */
    static void published(String topic, String subject, UUID merchantId, long sequence) {
        published.merge(
                topic + " " + subject,
                new Published(merchantId, sequence),
                (before, now) -> now.sequence() >= before.sequence() ? now : before);
    }

    /** Every owner answers 503 from now on ({@code true}), or answers again ({@code false}). */
    public static void down(boolean isDown) {
        down = isDown;
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (down) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            JsonNode question =
                    EventJson.mapper().readTree(exchange.getRequestBody().readAllBytes());
            String topic = question.path("topic").asString();
            List<Map<String, Object>> subjects = new ArrayList<>();
            for (JsonNode subject : question.path("subjects")) {
                Published known = published.get(topic + " " + subject.asString());
                if (known != null) {
                    Map<String, Object> version = new LinkedHashMap<>();
                    version.put("subject", subject.asString());
                    version.put("merchantId", known.merchantId());
                    version.put("version", known.sequence());
                    subjects.add(version);
                }
            }
            byte[] body = EventJson.mapper().writeValueAsBytes(Map.of("topic", topic, "subjects", subjects));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }
}

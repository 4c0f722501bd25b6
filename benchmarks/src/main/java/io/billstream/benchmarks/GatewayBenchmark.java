package io.billstream.benchmarks;

import static io.billstream.platform.test.ApiClient.json;

import com.sun.net.httpserver.HttpServer;
import io.billstream.platform.test.ApiClient;
import io.billstream.platform.test.DatabaseServer.JdbcCoordinates;
import io.billstream.platform.test.ServiceProcess;
import io.billstream.platform.test.TestInfrastructure;
import io.billstream.platform.test.TestTokens;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * What the gateway adds to an API read. The gateway's own jar runs as a process of its own, as configured (access log,
 * tracing, breakers, rate limits raised: the load comes from one address and one key but stands for many merchants),
 * in front of order-service's own jar on PostgreSQL and Kafka. The read is the merchant's order view, {@code GET
 * /api/v1/orders/{id}}: through the gateway with an API key, and the same endpoint of the same order-service called
 * directly with the internal token the gateway would have forwarded. portal-service's key exchange is a real HTTP
 * server in this JVM that mints such a token; it is asked once, as the gateway caches the token.
 *
 * <p>Two figures per path: latency at a fixed rate (open loop: each request is timed from when it was due, so a
 * stalled path cannot hide its queue), and saturated throughput with many clients in a closed loop; and the CPU time
 * each process spent per request. A second pair measures the gateway alone: a path the stand-in server answers at
 * once, which shows the most the gateway can pass on this machine.
 */
final class GatewayBenchmark {

    private static final Logger log = LoggerFactory.getLogger(GatewayBenchmark.class);

    private static final String API_KEY = "sk_test_benchmark";
    /** A path of portal-service's route, which the stand-in answers at once with a body the size of an order view. */
    private static final String INSTANT_PATH = "/api/v1/api-keys";

    /**
     * The gateway's code reaches its compiled speed only after some 150,000 requests (a third of its CPU time per
     * request is gone by then); order-service's sooner.
     */
    private static final Duration FIRST_WARM_UP = Duration.ofSeconds(60);

    private static final Duration SATURATED = Duration.ofSeconds(15);

    private GatewayBenchmark() {}

    static void run(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        Path gatewayJar = Path.of(args.length > 3 ? args[3] : "gateway/target/gateway-0.1.0-SNAPSHOT.jar");
        Path orderServiceJar =
                Path.of(args.length > 4 ? args[4] : "order-service/target/order-service-0.1.0-SNAPSHOT.jar");

        JdbcCoordinates database = TestInfrastructure.newDatabase();
        UUID merchantId;
        HttpServer portal = null;
        try (ServiceProcess orderService =
                ServiceProcess.start(orderServiceJar, database, List.of("-Xmx512m"), Map.of())) {
            ApiClient api = new ApiClient(orderService.port());
            merchantId = merchant(api);
            String orderPath = order(api, merchantId);
            String merchantToken = TestTokens.builder()
                    .caller("merchant")
                    .merchant(merchantId)
                    .expiresAt(Instant.now().plus(Duration.ofHours(2)))
                    .mint();
            portal =
                    startPortal(merchantToken, api.get(orderPath, merchantToken).body());
            String portalUrl = "http://127.0.0.1:" + portal.getAddress().getPort();
            String unlimited = "100000000";
            try (ServiceProcess gateway = ServiceProcess.startAlone(
                    gatewayJar,
                    List.of("-Xmx512m"),
                    Map.of(
                            "billstream.gateway.routes.order-service", "http://127.0.0.1:" + orderService.port(),
                            "billstream.gateway.routes.portal-service", portalUrl,
                            "billstream.gateway.rate-limits.client.capacity", unlimited,
                            "billstream.gateway.rate-limits.client.per-second", unlimited,
                            "billstream.gateway.rate-limits.api-key.capacity", unlimited,
                            "billstream.gateway.rate-limits.api-key.per-second", unlimited))) {
                String gatewayUrl = "http://127.0.0.1:" + gateway.port();
                Processes processes = new Processes(gateway, orderService);
                compare(
                        "order view from order-service",
                        new Target(
                                "direct",
                                URI.create("http://127.0.0.1:" + orderService.port() + orderPath),
                                merchantToken),
                        new Target("gateway", URI.create(gatewayUrl + orderPath), API_KEY),
                        FIRST_WARM_UP,
                        processes,
                        rate,
                        seconds,
                        clients);
                compare(
                        "answered at once by a stand-in",
                        new Target("direct", URI.create(portalUrl + INSTANT_PATH), merchantToken),
                        new Target("gateway", URI.create(gatewayUrl + INSTANT_PATH), API_KEY),
                        Duration.ofSeconds(10),
                        processes,
                        rate,
                        seconds,
                        clients);
            }
        } finally {
            if (portal != null) {
                portal.stop(0);
            }
        }
    }

    /** Latency at {@code rate} and saturated throughput of both paths, each figure in the same run. */
    private static void compare(
            String read,
            Target direct,
            Target through,
            Duration warmUp,
            Processes processes,
            int rate,
            int seconds,
            int clients)
            throws InterruptedException {
        for (Target target : List.of(direct, through)) {
            closedLoop(target, 16, warmUp);
        }

        // Alternating rounds, so that a noisy moment of the shared machine does not fall on one side only.
        Latencies directLatencies = new Latencies();
        Latencies gatewayLatencies = new Latencies();
        Duration round = Duration.ofSeconds(Math.max(1, seconds / 2));
        Cpu directCpu = new Cpu();
        Cpu gatewayCpu = new Cpu();
        for (int i = 0; i < 2; i++) {
            directLatencies.add(directCpu.during(processes, () -> openLoop(direct, rate, round)));
            gatewayLatencies.add(gatewayCpu.during(processes, () -> openLoop(through, rate, round)));
        }
        Cpu directSaturatedCpu = new Cpu();
        Cpu gatewaySaturatedCpu = new Cpu();
        Throughput directThroughput =
                directSaturatedCpu.during(processes, () -> closedLoop(direct, clients, SATURATED));
        Throughput gatewayThroughput =
                gatewaySaturatedCpu.during(processes, () -> closedLoop(through, clients, SATURATED));

        long[] d = directLatencies.sorted();
        long[] g = gatewayLatencies.sorted();
        log.info(
                "{}, {} requests/s, {} requests per path, failed: {} direct, {} through the gateway; direct p50 {}"
                        + " p99 {} p99.9 {} max {} ms; gateway p50 {} p99 {} p99.9 {} max {} ms",
                read,
                rate,
                d.length,
                directLatencies.failed(),
                gatewayLatencies.failed(),
                ms(percentile(d, 50)),
                ms(percentile(d, 99)),
                ms(percentile(d, 99.9)),
                ms(d[d.length - 1]),
                ms(percentile(g, 50)),
                ms(percentile(g, 99)),
                ms(percentile(g, 99.9)),
                ms(g[g.length - 1]));
        log.info(
                "{}, CPU per request at {} requests/s: gateway {} µs, order-service {} µs directly and {} µs behind"
                        + " the gateway; saturated: gateway {} µs",
                read,
                rate,
                gatewayCpu.gatewayMicrosPer(g.length),
                directCpu.serviceMicrosPer(d.length),
                gatewayCpu.serviceMicrosPer(g.length),
                gatewaySaturatedCpu.gatewayMicrosPer(gatewayThroughput.answered()));
        log.info(
                "| {} | {} req/s, {} s per path | {} / {} ms | {} / {} ms | {} / {} ms |",
                read,
                rate,
                round.toSeconds() * 2,
                ms(percentile(d, 50)),
                ms(percentile(d, 99)),
                ms(percentile(g, 50)),
                ms(percentile(g, 99)),
                ms(percentile(g, 50) - percentile(d, 50)),
                ms(percentile(g, 99) - percentile(d, 99)));
        log.info(
                "| {} | saturated, {} clients, {} s | {} req/s | {} req/s | {} |",
                read,
                clients,
                SATURATED.toSeconds(),
                Math.round(directThroughput.perSecond()),
                Math.round(gatewayThroughput.perSecond()),
                String.format("%.2f", gatewayThroughput.perSecond() / directThroughput.perSecond()));
    }

    /**
     * Sends {@code rate} requests a second for {@code duration}, each at its due time whatever the earlier ones are
     * doing; each latency runs from the due time to the whole answer.
     */
    private static Round openLoop(Target target, int rate, Duration duration) {
        int total = (int) (rate * duration.toSeconds());
        long[] latencies = new long[total];
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<Void>> answers = new ArrayList<>(total);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            answers.add(target.http
                    .sendAsync(target.request(), HttpResponse.BodyHandlers.ofByteArray())
                    .handle((response, error) -> {
                        latencies[index] = System.nanoTime() - due;
                        if ((error != null || response.statusCode() != 200) && failures.incrementAndGet() == 1) {
                            log.warn(
                                    "First failed {} request: {}",
                                    target.name,
                                    error != null
                                            ? error.toString()
                                            : response.statusCode() + " "
                                                    + new String(response.body(), StandardCharsets.UTF_8));
                        }
                        return null;
                    }));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        // Counted, not thrown: a path the machine cannot carry at this rate is a result too.
        return new Round(latencies, failures.get());
    }

    /** {@code clients} threads each sending one request after the other; the requests answered 200. */
    private static Throughput closedLoop(Target target, int clients, Duration duration) {
        AtomicLong answered = new AtomicLong();
        AtomicInteger failures = new AtomicInteger();
        long deadline = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                threads.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        try {
                            HttpResponse<byte[]> response =
                                    target.http.send(target.request(), HttpResponse.BodyHandlers.ofByteArray());
                            if (response.statusCode() == 200) {
                                answered.incrementAndGet();
                            } else if (failures.incrementAndGet() == 1) {
                                log.warn(
                                        "First failed {} request: {} {}",
                                        target.name,
                                        response.statusCode(),
                                        new String(response.body(), StandardCharsets.UTF_8));
                            }
                        } catch (IOException e) {
                            if (failures.incrementAndGet() == 1) {
                                log.warn("First failed {} request", target.name, e);
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                });
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " " + target.name + " requests failed");
        }
        return new Throughput(answered.get(), elapsed);
    }

    /** A merchant in Hamburg, created by the platform operator. */
    private static UUID merchant(ApiClient api) {
        HttpResponse<String> created = api.post("/api/v1/merchants", TestTokens.service("platform-operator"), """
                {"company": {"legalName": "Kaffeerösterei Berg GmbH", "email": "billing@roesterei-berg.example",
                 "address": {"line1": "Hafenstraße 12", "postalCode": "20457", "city": "Hamburg", "country": "DE"}},
                 "branding": {"accentColour": "#8B4513"}, "defaultLocale": "de", "timeZone": "Europe/Berlin"}""");
        return UUID.fromString(answered(created, 201).path("id").asString());
    }

    /** An instalment order of four lines for a customer of the merchant; the path of its order view. */
    private static String order(ApiClient api, UUID merchantId) {
        String merchant = TestTokens.merchant(merchantId);
        String customerId = answered(api.post("/api/v1/customers", merchant, """
                        {"name": "Anna Schmidt", "email": "anna.schmidt@example.com", "phone": "+4915123456789",
                         "locale": "de", "reference": "CUS-0042", "billingAddress": {"line1": "Lindenallee 5",
                         "postalCode": "10115", "city": "Berlin", "country": "DE"}}"""), 201)
                .path("id")
                .asString();
        String orderId = answered(api.post("/api/v1/orders", merchant, """
                        {"customerId": "%s", "reference": "ORD-2026-0042", "purchaseType": "INSTALMENT",
                         "currency": "EUR", "interval": "MONTHLY", "instalmentCount": 4, "firstAction": "PAYMENT",
                         "channel": "PAYMENT_LINK", "lines": [
                          {"description": "Espresso machine", "quantity": 1, "unitPrice": 29997},
                          {"description": "Grinder", "quantity": 1, "unitPrice": 8999},
                          {"description": "House blend, 1 kg", "quantity": 3, "unitPrice": 2450},
                          {"description": "Descaler", "quantity": 2, "unitPrice": 899}]}""".formatted(customerId)), 201)
                .path("id")
                .asString();
        return "/api/v1/orders/" + orderId;
    }

    private static JsonNode answered(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(
                    response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    /**
     * portal-service's key exchange, minting {@code token} for any credential; every other path answered at once with
     * {@code body}.
     */
    private static HttpServer startPortal(String token, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        // Virtual threads: the server must not be what saturates first.
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        byte[] answer = body.getBytes(StandardCharsets.UTF_8);
        byte[] issued = ("{\"token\":\"" + token + "\",\"expiresAt\":\""
                        + Instant.now().plus(Duration.ofHours(1)) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                byte[] bytes = exchange.getRequestURI().getPath().equals("/internal/v1/tokens") ? issued : answer;
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
        server.start();
        return server;
    }

    private static long percentile(long[] sorted, double percent) {
        int index = (int) Math.ceil(percent / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String ms(long nanos) {
        return String.format("%.2f", nanos / 1e6);
    }

    /** One path's client: its own connections, so that the two paths never share a pool. */
    private record Target(String name, URI uri, String credential, HttpClient http) {
        Target(String name, URI uri, String credential) {
            this(
                    name,
                    uri,
                    credential,
                    HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(5))
                            .build());
        }

        HttpRequest request() {
            return HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + credential)
                    .timeout(Duration.ofSeconds(30))
                    .build();
        }
    }

    private record Throughput(long answered, Duration elapsed) {
        double perSecond() {
            return answered / (elapsed.toNanos() / 1e9);
        }
    }

    /** The two processes whose CPU time is counted. */
    private record Processes(ServiceProcess gateway, ServiceProcess orderService) {}

    /** CPU time the gateway and order-service spent during the phases given to {@link #during}. */
    private static final class Cpu {
        private Duration gateway = Duration.ZERO;
        private Duration service = Duration.ZERO;

        <T> T during(Processes processes, Phase<T> phase) throws InterruptedException {
            Duration gatewayBefore = processes.gateway().cpuTime();
            Duration serviceBefore = processes.orderService().cpuTime();
            T result = phase.run();
            gateway = gateway.plus(processes.gateway().cpuTime().minus(gatewayBefore));
            service = service.plus(processes.orderService().cpuTime().minus(serviceBefore));
            return result;
        }

        long gatewayMicrosPer(long requests) {
            return gateway.toNanos() / 1_000 / Math.max(1, requests);
        }

        long serviceMicrosPer(long requests) {
            return service.toNanos() / 1_000 / Math.max(1, requests);
        }
    }

    private interface Phase<T> {
        T run() throws InterruptedException;
    }

    /** One open-loop round: every request's latency (a failed one's until it failed), and how many failed. */
    private record Round(long[] latencies, int failed) {}

    /** Every latency of one path, from several rounds. */
    private static final class Latencies {
        private final List<long[]> rounds = new ArrayList<>();
        private int failed;

        void add(Round round) {
            rounds.add(round.latencies());
            failed += round.failed();
        }

        int failed() {
            return failed;
        }

        long[] sorted() {
            long[] all = rounds.stream().flatMapToLong(Arrays::stream).toArray();
            Arrays.sort(all);
            return all;
        }
    }
}

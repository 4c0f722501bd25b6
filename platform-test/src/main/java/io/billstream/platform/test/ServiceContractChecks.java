package io.billstream.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.billstream.events.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every Billstream service promises its operators, checked against the running service: its own and the
 * platform's migrations applied, liveness and readiness, info, Prometheus metrics, an OpenAPI 3.1 document, JSON logs,
 * and problem responses for refused and unknown requests. A service's
 * integration test extends this with {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} and
 * {@link RealInfrastructure}.
 */
public abstract class ServiceContractChecks {

    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @Value("${spring.application.name}")
    protected String serviceName;

    @Autowired
    protected DataSource dataSource;

    protected HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)), path);
    }

    /** A GET as a merchant would send it through the gateway, with a valid internal token. */
    protected HttpResponse<String> getAsMerchant(String path) {
        return send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + TestTokens.merchant(UUID.randomUUID())),
                path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String path) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void logsStructuredJsonWithTheRequestId(CapturedOutput output) {
        MDC.put("requestId", "contract-check");
        try {
            LoggerFactory.getLogger(getClass()).info("Contract check of the log format");
        } finally {
            MDC.remove("requestId");
        }
        assertThat(output.getOut().lines().filter(line -> line.contains("Contract check of the log format")))
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .startsWith("{")
                        .contains("\"service\":{\"name\":\"" + serviceName + "\"")
                        .contains("\"requestId\":\"contract-check\""));
    }

    @Test
    void migratesItsOwnDatabaseAndThePlatformTables() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            assertThat(single(statement, "SELECT count(*) FROM flyway_schema_history WHERE success"))
                    .isPositive();
            assertThat(single(statement, "SELECT count(*) FROM platform.flyway_schema_history WHERE success"))
                    .isPositive();
            assertThat(single(statement, "SELECT count(*) FROM platform.outbox_record"))
                    .isZero();
        }
    }

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    @Test
    void createsTheTopicsItPublishesWithTheirPartitions() {
        List<String> owned = Topics.OWNERS.entrySet().stream()
                .filter(topic -> topic.getValue().equals(serviceName))
                .map(Map.Entry::getKey)
                .toList();

        assertThat(owned).as("%s publishes on topics of its own", serviceName).isNotEmpty();
        Map<String, Integer> partitions = TestInfrastructure.kafka().partitionsOf(owned);
        assertThat(partitions.keySet()).as("created at start").containsExactlyInAnyOrderElementsOf(owned);
        assertThat(partitions.values()).as("partitions").containsOnly(3);
    }

    @Test
    void reportsLiveAndReady() {
        assertThat(get("/actuator/health/liveness").body()).contains("\"status\":\"UP\"");
        assertThat(get("/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
    }

    @Test
    void reportsItsDatabaseAndKafkaHealthy() {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"db\"").contains("\"kafka\"").doesNotContain("DOWN");
    }

    @Test
    void exposesPrometheusMetricsTaggedWithTheService() {
        HttpResponse<String> metrics = get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("application=\"" + serviceName + "\"");
    }

    @Test
    void publishesAnOpenApi31Document() {
        HttpResponse<String> docs = get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("\"openapi\":\"3.1");
    }

    /**
     * Redocly CLI's recommended rules with every warning raised to an error ({@code recommended-strict}); the rules
     * turned off say why. The document is written to {@code target/openapi/} for the developer to read too.
     */
    static final String OPENAPI_RULES = """
            extends:
              - recommended-strict
            rules:
              # No licence is stated: the project has not chosen one, and a document must not claim one.
              info-license: off
              info-license-strict: off
            """;

    @Test
    void itsOpenApiDocumentPassesRedoclysRecommendedRules() throws IOException {
        HttpResponse<String> docs = get("/v3/api-docs");
        Path document = Path.of("target", "openapi", serviceName + ".json");
        Files.createDirectories(document.getParent());
        Files.writeString(document, docs.body());

        NodeTools.Outcome lint = NodeTools.lintOpenApi(document, OPENAPI_RULES);

        assertThat(lint.succeeded()).as(lint.output()).isTrue();
    }

    @Test
    void documentsEveryBodyOfItsApiWithExamples() {
        HttpResponse<String> docs = get("/v3/api-docs");
        assertThat(OpenApiExamples.missing(
                        tools.jackson.databind.json.JsonMapper.shared().readTree(docs.body())))
                .as("fields without an example in the OpenAPI document")
                .isEmpty();
    }

    @Test
    void tellsItsBuildInInfo() {
        assertThat(get("/actuator/info").body()).contains("\"build\"").contains("\"artifact\":\"" + serviceName + "\"");
    }

    @Test
    void refusesARequestWithoutATokenWithAProblem() {
        HttpResponse<String> response = get("/api/v1/no-such-resource");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void answersAnUnknownPathWithAProblem() {
        HttpResponse<String> response = getAsMerchant("/api/v1/no-such-resource");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":404").contains("\"detail\"");
    }
}

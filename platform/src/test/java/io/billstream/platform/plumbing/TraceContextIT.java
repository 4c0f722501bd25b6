package io.billstream.platform.plumbing;

import static io.billstream.platform.plumbing.HttpCalls.request;
import static io.billstream.platform.plumbing.HttpCalls.send;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.billstream.events.Topics;
import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.TestTokens;
import io.billstream.platform.test.TopicReader;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The request id and the W3C trace of an API call travel with the event it causes, to every consumer. */
@SpringBootTest(classes = PlumbingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class TraceContextIT {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theCallersTraceAndRequestIdReachTheEventAndItsConsumer() {
        UUID orderId = UUID.randomUUID();
        var response = send(request(port, "/api/v1/orders/" + orderId)
                .header("Authorization", "Bearer " + TestTokens.merchant(UUID.randomUUID()))
                .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                .header("X-Request-Id", "req-trace-test")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("req-trace-test");

        try (TopicReader reader = new TopicReader(Topics.ORDERS)) {
            ConsumerRecord<String, byte[]> record = reader
                    .readUntil(
                            records -> records.stream()
                                    .anyMatch(r -> orderId.toString().equals(r.key())),
                            Duration.ofSeconds(30))
                    .stream()
                    .filter(r -> orderId.toString().equals(r.key()))
                    .findFirst()
                    .orElseThrow();
            assertThat(header(record, "traceparent")).startsWith("00-" + TRACE_ID + "-");
            assertThat(header(record, "ce_traceparent")).isEqualTo(header(record, "traceparent"));
            assertThat(header(record, "X-Request-Id")).isEqualTo("req-trace-test");
        }

        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("SELECT count(*) FROM applied_event WHERE order_id = ?")
                                .param(orderId)
                                .query(Long.class)
                                .single()
                        == 1);
        Map<String, Object> applied = jdbc.sql("SELECT request_id, trace_id FROM applied_event WHERE order_id = ?")
                .param(orderId)
                .query()
                .singleRow();
        assertThat(applied).containsEntry("request_id", "req-trace-test").containsEntry("trace_id", TRACE_ID);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), UTF_8);
    }
}

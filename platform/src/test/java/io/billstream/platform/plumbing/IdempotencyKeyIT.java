package io.billstream.platform.plumbing;

import static io.billstream.platform.plumbing.HttpCalls.request;
import static io.billstream.platform.plumbing.HttpCalls.send;
import static org.assertj.core.api.Assertions.assertThat;

import io.billstream.platform.test.RealInfrastructure;
import io.billstream.platform.test.TestTokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A POST retried with the same Idempotency-Key acts once, whatever the network did to the first answer. */
@SpringBootTest(classes = PlumbingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class IdempotencyKeyIT {

    private static final String GEAR = """
            {"name": "Gear", "price": {"amount": 1999, "currency": "EUR"}, "quantity": 2}""";

    @LocalServerPort
    int port;

    @Autowired
    WidgetsController widgets;

    @Autowired
    JdbcClient jdbc;

    private final String merchantToken = TestTokens.merchant(UUID.randomUUID());

    @Test
    void theSameKeyAndBodyReplaysTheFirstResponseWithoutActingAgain() {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = post("/api/v1/widgets", key, GEAR, merchantToken);
        int createdAfterFirst = widgets.created.get();
        HttpResponse<String> retry = post("/api/v1/widgets", key, GEAR, merchantToken);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Location"))
                .isEqualTo(first.headers().firstValue("Location"));
        assertThat(retry.headers().firstValue("Content-Type"))
                .isEqualTo(first.headers().firstValue("Content-Type"));
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(widgets.created.get()).isEqualTo(createdAfterFirst);
    }

    @Test
    void theSameKeyWithAnotherBodyIs422AndActsNot() {
        String key = UUID.randomUUID().toString();
        post("/api/v1/widgets", key, GEAR, merchantToken);
        int created = widgets.created.get();

        HttpResponse<String> other = post("/api/v1/widgets", key, GEAR.replace("Gear", "Cog"), merchantToken);

        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(other.body()).contains("different request");
        assertThat(widgets.created.get()).isEqualTo(created);
    }

    @Test
    void aRetryWhileTheFirstIsStillRunningIs409() {
        String key = UUID.randomUUID().toString();
        String slow = GEAR.replace("Gear", "slow");
        CountDownLatch firstMayFinish = new CountDownLatch(1);
        widgets.slowRequests = firstMayFinish;
        CompletableFuture<HttpResponse<String>> first =
                CompletableFuture.supplyAsync(() -> post("/api/v1/widgets", key, slow, merchantToken));
        awaitClaimed(key);

        HttpResponse<String> retry = post("/api/v1/widgets", key, slow, merchantToken);
        firstMayFinish.countDown();

        assertThat(retry.statusCode()).isEqualTo(409);
        assertThat(retry.body()).contains("still being processed");
        assertThat(first.join().statusCode()).isEqualTo(201);
        assertThat(post("/api/v1/widgets", key, slow, merchantToken).headers().firstValue("Idempotent-Replayed"))
                .hasValue("true");
    }

    @Test
    void keysBelongToOneMerchant() {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> mine = post("/api/v1/widgets", key, GEAR, merchantToken);
        HttpResponse<String> theirs = post("/api/v1/widgets", key, GEAR, TestTokens.merchant(UUID.randomUUID()));

        assertThat(theirs.statusCode()).isEqualTo(201);
        assertThat(theirs.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(theirs.body()).isNotEqualTo(mine.body());
    }

    @Test
    void aServerErrorIsNotKeptSoThatARetryWithTheSameKeyRunsAgain() {
        String key = UUID.randomUUID().toString();
        int before = widgets.created.get();
        HttpResponse<String> first = post("/api/v1/boom", key, "{}", merchantToken);
        HttpResponse<String> retry = post("/api/v1/boom", key, "{}", merchantToken);

        assertThat(first.statusCode()).isEqualTo(500);
        assertThat(retry.statusCode()).isEqualTo(500);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(widgets.created.get()).as("the endpoint ran each time").isEqualTo(before + 2);
        assertThat(jdbc.sql("SELECT count(*) FROM platform.idempotency_key WHERE idempotency_key = ?")
                        .param(key)
                        .query(Long.class)
                        .single())
                .as("nothing kept under the key")
                .isZero();
    }

    @Test
    void a503IsNotKeptSoThatARetryWithTheSameKeyRunsOnceTheDependencyIsBack() {
        String key = UUID.randomUUID().toString();
        int before = widgets.created.get();
        widgets.dependencyAway.set(true);
        HttpResponse<String> away;
        try {
            away = post("/api/v1/widgets-of-a-supplier", key, "{}", merchantToken);
        } finally {
            widgets.dependencyAway.set(false);
        }
        HttpResponse<String> back = post("/api/v1/widgets-of-a-supplier", key, "{}", merchantToken);
        HttpResponse<String> replayed = post("/api/v1/widgets-of-a-supplier", key, "{}", merchantToken);

        assertThat(away.statusCode()).isEqualTo(503);
        assertThat(away.headers().firstValue("Retry-After")).hasValue("20");
        assertThat(away.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(back.statusCode()).isEqualTo(201);
        assertThat(back.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(replayed.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(replayed.body()).isEqualTo(back.body());
        assertThat(widgets.created.get()).isEqualTo(before + 1);
    }

    @Test
    void aRefusedRequestIsReplayedAsRefused() {
        String key = UUID.randomUUID().toString();
        String invalid = GEAR.replace("\"quantity\": 2", "\"quantity\": 0");
        HttpResponse<String> first = post("/api/v1/widgets", key, invalid, merchantToken);
        HttpResponse<String> retry = post("/api/v1/widgets", key, invalid, merchantToken);
        assertThat(first.statusCode()).isEqualTo(400);
        assertThat(retry.statusCode()).isEqualTo(400);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    }

    @Test
    void keysAreKeptForAtLeast24Hours() {
        String key = UUID.randomUUID().toString();
        post("/api/v1/widgets", key, GEAR, merchantToken);
        Duration kept =
                Duration.ofSeconds(jdbc.sql("""
                        SELECT extract(epoch FROM expires_at - created_at)::bigint
                        FROM platform.idempotency_key WHERE idempotency_key = ?""").param(key).query(Long.class).single());
        assertThat(kept).isGreaterThanOrEqualTo(Duration.ofHours(24));
    }

    @Test
    void anUnusableKeyIsRefused() {
        HttpResponse<String> response = post("/api/v1/widgets", "x".repeat(256), GEAR, merchantToken);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Idempotency-Key");
    }

    private void awaitClaimed(String key) {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> jdbc.sql("SELECT count(*) FROM platform.idempotency_key WHERE idempotency_key = ?")
                                .param(key)
                                .query(Long.class)
                                .single()
                        == 1);
    }

    private HttpResponse<String> post(String path, String key, String body, String token) {
        return send(request(port, path)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}

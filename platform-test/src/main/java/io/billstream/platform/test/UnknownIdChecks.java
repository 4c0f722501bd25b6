package io.billstream.platform.test;

import static io.billstream.platform.test.GoldenEvents.golden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.billstream.events.customer.CustomerCreated;
import io.billstream.events.order.OrderCreated;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The 404 matrix of a service's reads that take an order or a customer id, in the path or as a list filter: another
 * merchant's id, or one that never existed, answers 404 as {@code application/problem+json}, never an empty list; the
 * merchant's own, created at order-service a moment ago, is found at once, before its events reach the service
 * (ADR 13). A service's integration test extends this with {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} and
 * {@link RealInfrastructure}, and lists its reads.
 */
public abstract class UnknownIdChecks {

    /** What an id in a read names. */
    public enum Kind {
        ORDER,
        CUSTOMER
    }

    /** A read, {@code %s} standing for the id, such as {@code /api/v1/payments?orderId=%s}. */
    public record Read(Kind kind, String path) {
        @Override
        public String toString() {
            return path;
        }
    }

    @LocalServerPort
    protected int port;

    protected ApiClient api;
    protected EventWriter orderService;
    protected UUID merchantId;

    /** The service's reads that take an id, each with what the id names. */
    protected abstract List<Read> reads();

    /**
     * Creates an order or a customer of {@code merchant} as order-service would, and returns its id: by default its
     * creation event, as order-service publishes it; order-service itself creates it through its API.
     */
    protected UUID created(Kind kind, UUID merchant) {
        UUID id = UUID.randomUUID();
        orderService.publish(
                merchant,
                kind == Kind.ORDER
                        ? golden(OrderCreated.class, "orderId", id)
                        : golden(CustomerCreated.class, "customerId", id));
        return id;
    }

    /** A new merchant's id; order-service, which keeps merchants, makes one. */
    protected UUID newMerchant() {
        return UUID.randomUUID();
    }

    /** Whether the service asks order-service about these ids; order-service itself does not. */
    protected boolean followsOrderService() {
        return true;
    }

    @BeforeEach
    void aMerchant() {
        api = new ApiClient(port);
        orderService = new EventWriter("order-service");
        merchantId = newMerchant();
    }

    @Autowired
    ObjectProvider<CircuitBreakerRegistry> breakers;

    /** The owners back, with their breakers closed as they would be once their open wait had passed. */
    @AfterEach
    void ownersBack() {
        StandInOwners.down(false);
        breakers.ifAvailable(registry -> registry.getAllCircuitBreakers().forEach(CircuitBreaker::reset));
        orderService.close();
    }

    @TestFactory
    Stream<DynamicTest> anotherMerchantsIdOrNoneIsNotFoundAndOurOwnIsFoundAtOnce() {
        return reads().stream().map(read -> dynamicTest(read.path(), () -> notFoundUnlessOurs(read)));
    }

    @TestFactory
    Stream<DynamicTest> whileOrderServiceCannotBeAskedTheAnswerIs503WithRetryAfter() {
        return followsOrderService()
                ? reads().stream().map(read -> dynamicTest(read.path(), () -> unavailableWhileOwnerIs(read)))
                : Stream.empty();
    }

    private void notFoundUnlessOurs(Read read) {
        UUID ours = created(read.kind(), merchantId);
        UUID theirs = created(read.kind(), newMerchant());
        String merchant = TestTokens.merchant(merchantId);

        // Found, never 404; a 503 while the service's copy catches up (its listeners may be starting) is no answer.
        HttpResponse<String> own = await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get(read.path().formatted(ours), merchant), answer -> answer.statusCode() != 503);

        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        for (UUID unknown : List.of(theirs, UUID.randomUUID())) {
            HttpResponse<String> refused = api.get(read.path().formatted(unknown), merchant);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(404);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
    }

    private void unavailableWhileOwnerIs(Read read) {
        UUID ours = created(read.kind(), merchantId);
        StandInOwners.down(true);
        HttpResponse<String> away;
        try {
            away = api.get(read.path().formatted(ours), TestTokens.merchant(merchantId));
        } finally {
            StandInOwners.down(false);
        }

        assertThat(away.statusCode()).as(away.body()).isEqualTo(503);
        assertThat(away.headers().firstValue("Retry-After")).isPresent();
        assertThat(away.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
}

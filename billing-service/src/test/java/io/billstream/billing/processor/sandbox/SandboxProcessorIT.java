package io.billstream.billing.processor.sandbox;

import static io.billstream.platform.test.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billstream.billing.processor.ProcessorOutcome;
import io.billstream.billing.processor.ProcessorOutcome.Result;
import io.billstream.billing.processor.ProcessorRefusal;
import io.billstream.billing.processor.ProcessorTimeout;
import io.billstream.events.Money;
import io.billstream.platform.test.ApiClient;
import io.billstream.platform.test.RealInfrastructure;
import java.net.http.HttpResponse;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The sandbox processor on a real PostgreSQL: hosted card fields, every test card, and one outcome per key. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class SandboxProcessorIT {

    private static final Money TEN_EUROS = Money.of(1000, "EUR");

    @LocalServerPort
    int port;

    @Autowired
    SandboxProcessor processor;

    @Autowired
    JdbcClient jdbc;

    private ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @ParameterizedTest
    @EnumSource(TestCard.class)
    void eachTestCardIsAnsweredAsDocumentedAndNoNumberIsKept(TestCard card) {
        JsonNode token = json(tokenize(card.number(), "123"));
        assertThat(token.path("last4").asString()).isEqualTo(card.number().substring(12));
        String key = UUID.randomUUID().toString();

        if (card == TestCard.CHARGES_THEN_TIMES_OUT) {
            assertThatThrownBy(() -> processor.charge(key, token.path("token").asString(), TEN_EUROS))
                    .isInstanceOf(ProcessorTimeout.class);
            assertThat(processor.outcomeOf(key))
                    .as("the processor charged before the answer was lost")
                    .hasValueSatisfying(
                            outcome -> assertThat(outcome.approved()).isTrue());
        } else {
            ProcessorOutcome outcome = processor.charge(key, token.path("token").asString(), TEN_EUROS);
            assertThat(outcome.result()).isEqualTo(card.result());
            assertThat(outcome.code()).isEqualTo(card.code());
        }
        boolean wrongCard = card == TestCard.INVALID_NUMBER || card == TestCard.EXPIRED;
        assertThat(processor
                        .verify(
                                UUID.randomUUID().toString(),
                                token.path("token").asString())
                        .approved())
                .as("a verification moves no money: declined only for what is wrong with the card itself")
                .isEqualTo(!wrongCard);
        assertThat(jdbc.sql("SELECT count(*) FROM sandbox_card WHERE CAST(sandbox_card.* AS text) LIKE :number")
                        .param("number", "%" + card.number() + "%")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void theHostedFieldsAreOpenWithoutATokenAndRefuseBadCardsNamingOnlyTheFields() {
        HttpResponse<String> card = tokenize("4242 4242 4242 4242", "123");
        assertThat(card.statusCode()).isEqualTo(201);
        assertThat(json(card).path("brand").asString()).isEqualTo("VISA");
        assertThat(json(tokenize("5555555555554444", "1234")).path("brand").asString())
                .isEqualTo("MASTERCARD");

        HttpResponse<String> refused = api.post(
                "/sandbox/v1/tokens",
                null,
                "{\"number\": \"4242424242424241\", \"expiryMonth\": 13, \"expiryYear\": 2030, \"cvc\": \"12\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).doesNotContain("4242424242424241");
        assertThat(json(refused)
                        .path("errors")
                        .valueStream()
                        .map(e -> e.path("field").asString()))
                .containsExactlyInAnyOrder("number", "expiryMonth", "cvc");
        YearMonth lastMonth = YearMonth.now().minusMonths(1);
        HttpResponse<String> expired = api.post(
                "/sandbox/v1/tokens",
                null,
                "{\"number\": \"4242424242424242\", \"expiryMonth\": %d, \"expiryYear\": %d, \"cvc\": \"123\"}"
                        .formatted(lastMonth.getMonthValue(), lastMonth.getYear()));
        assertThat(expired.statusCode()).isEqualTo(400);
    }

    @Test
    void oneIdempotencyKeyIsCarriedOutOnceEvenWhenAskedManyTimesAtOnce() throws Exception {
        String token = json(tokenize("4242424242424242", "123")).path("token").asString();
        String key = UUID.randomUUID().toString();
        Callable<ProcessorOutcome> charge = () -> processor.charge(key, token, TEN_EUROS);
        List<ProcessorOutcome> outcomes;
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            outcomes = threads
                    .invokeAll(IntStream.range(0, 20).mapToObj(i -> charge).toList())
                    .stream()
                    .map(future -> {
                        try {
                            return future.get();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toList();
        }
        assertThat(outcomes)
                .extracting(ProcessorOutcome::reference)
                .containsOnly(outcomes.getFirst().reference());
        assertThat(jdbc.sql("SELECT count(*) FROM sandbox_request WHERE idempotency_key = :key")
                        .param("key", key)
                        .query(Long.class)
                        .single())
                .isOne();
        assertThat(processor.outcomeOf(UUID.randomUUID().toString()))
                .as("a key never sent")
                .isEmpty();
    }

    @Test
    void anAuthorisationIsCapturedAtMostOnceAndARefundNeverExceedsWhatIsLeft() {
        String token = json(tokenize("4242424242424242", "123")).path("token").asString();
        ProcessorOutcome authorisation = processor.authorise(UUID.randomUUID().toString(), token, TEN_EUROS);
        assertThat(authorisation.approved()).isTrue();
        assertThatThrownBy(() -> processor.capture(
                        UUID.randomUUID().toString(), authorisation.reference(), Money.of(1001, "EUR")))
                .isInstanceOf(ProcessorRefusal.class);
        ProcessorOutcome capture =
                processor.capture(UUID.randomUUID().toString(), authorisation.reference(), TEN_EUROS);
        assertThat(capture.approved()).isTrue();
        assertThatThrownBy(() ->
                        processor.capture(UUID.randomUUID().toString(), authorisation.reference(), Money.of(1, "EUR")))
                .as("nothing left to capture")
                .isInstanceOf(ProcessorRefusal.class);

        String refundKey = UUID.randomUUID().toString();
        ProcessorOutcome refund = processor.refund(refundKey, capture.reference(), Money.of(600, "EUR"));
        assertThat(refund.approved()).isTrue();
        assertThat(processor
                        .refund(refundKey, capture.reference(), Money.of(600, "EUR"))
                        .reference())
                .as("the same refund asked again")
                .isEqualTo(refund.reference());
        assertThatThrownBy(
                        () -> processor.refund(UUID.randomUUID().toString(), capture.reference(), Money.of(401, "EUR")))
                .isInstanceOf(ProcessorRefusal.class);
        assertThat(processor
                        .refund(UUID.randomUUID().toString(), capture.reference(), Money.of(400, "EUR"))
                        .approved())
                .isTrue();

        ProcessorOutcome declined = processor.charge(
                UUID.randomUUID().toString(),
                json(tokenize("4000000000009953", "123")).path("token").asString(),
                TEN_EUROS);
        assertThat(declined.result()).isEqualTo(Result.SOFT_DECLINED);
        assertThatThrownBy(
                        () -> processor.refund(UUID.randomUUID().toString(), declined.reference(), Money.of(1, "EUR")))
                .as("a declined charge has nothing to refund")
                .isInstanceOf(ProcessorRefusal.class);
        assertThat(processor.verify(UUID.randomUUID().toString(), token).approved())
                .isTrue();
    }

    private HttpResponse<String> tokenize(String number, String cvc) {
        return api.post(
                "/sandbox/v1/tokens",
                null,
                "{\"number\": \"%s\", \"expiryMonth\": 12, \"expiryYear\": %d, \"cvc\": \"%s\", \"holderName\": \"Anna Schmidt\"}"
                        .formatted(number, YearMonth.now().getYear() + 3, cvc));
    }
}

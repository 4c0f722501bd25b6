package io.billstream.billing.processor.sandbox;

import io.billstream.billing.processor.CardDetails;
import io.billstream.billing.processor.PaymentProcessor;
import io.billstream.billing.processor.ProcessorOutcome;
import io.billstream.billing.processor.ProcessorOutcome.Result;
import io.billstream.billing.processor.ProcessorRefusal;
import io.billstream.billing.processor.ProcessorTimeout;
import io.billstream.billing.processor.ProcessorUnavailable;
import io.billstream.events.Money;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sandbox acquirer. It keeps its records in transactions of its own, apart from the caller's, as a remote
 * processor would: what it carried out stays carried out whatever the caller then does. Latency is configurable
 * ({@code billstream.sandbox.latency}) so that benchmarks can run with a slow processor, and both latency and an
 * outage can be switched at run time ({@link #latency(Duration)}, {@link #down(boolean)}) to rehearse a processor in
 * trouble. It is the acquirer that {@link io.billstream.billing.processor.GuardedProcessor} guards.
 */
@Component
@Qualifier("acquirer")
public class SandboxProcessor implements PaymentProcessor {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private volatile Duration latency;
    private volatile boolean down;

    SandboxProcessor(
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            Clock clock,
            @Value("${billstream.sandbox.latency:0ms}") Duration latency) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.latency = latency;
    }

    /** From now on every request takes this long; what it carries out is carried out after the wait. */
    public void latency(Duration latency) {
        this.latency = latency;
    }

    /** Down, every request is refused as a connection would be, before anything is carried out; up, served again. */
    public void down(boolean down) {
        this.down = down;
    }

    /** Stores what a token stands for and returns the token; the number itself is forgotten here. */
    SandboxCard tokenize(String number, int expiryMonth, int expiryYear, String holderName) {
        Optional<TestCard> testCard = TestCard.of(number);
        SandboxCard card = new SandboxCard(
                "tok_" + random(12),
                CardNumbers.brand(number),
                number.substring(number.length() - 4),
                expiryMonth,
                expiryYear);
        ownTransaction.executeWithoutResult(status -> jdbc.sql("""
                        INSERT INTO sandbox_card (token, brand, last4, expiry_month, expiry_year, holder_name, result,
                                                  code, times_out, created_at)
                        VALUES (:token, :brand, :last4, :month, :year, :holder, :result, :code, :timesOut, :now)""")
                .param("token", card.token())
                .param("brand", card.brand())
                .param("last4", card.last4())
                .param("month", expiryMonth)
                .param("year", expiryYear)
                .param("holder", holderName)
                .param(
                        "result",
                        testCard.map(TestCard::result).orElse(Result.APPROVED).name())
                .param("code", testCard.map(TestCard::code).orElse("00"))
                .param(
                        "timesOut",
                        testCard.filter(c -> c == TestCard.CHARGES_THEN_TIMES_OUT)
                                .isPresent())
                .param("now", Timestamp.from(clock.instant()))
                .update());
        return card;
    }

    @Override
    public ProcessorOutcome charge(String idempotencyKey, String cardToken, Money amount) {
        return onCard("CHARGE", idempotencyKey, cardToken, amount);
    }

    @Override
    public ProcessorOutcome authorise(String idempotencyKey, String cardToken, Money amount) {
        return onCard("AUTHORISATION", idempotencyKey, cardToken, amount);
    }

    @Override
    public ProcessorOutcome verify(String idempotencyKey, String cardToken) {
        return onCard("VERIFICATION", idempotencyKey, cardToken, null);
    }

    @Override
    public ProcessorOutcome capture(String idempotencyKey, String authorisationReference, Money amount) {
        return onPayment("CAPTURE", "AUTHORISATION", "captured", idempotencyKey, authorisationReference, amount);
    }

    /** A void takes all that is left of the authorisation, so that nothing can be captured of it afterwards. */
    @Override
    public ProcessorOutcome release(String idempotencyKey, String authorisationReference, Money amount) {
        return onPayment("VOID", "AUTHORISATION", "captured", idempotencyKey, authorisationReference, amount);
    }

    @Override
    public ProcessorOutcome refund(String idempotencyKey, String paymentReference, Money amount) {
        return onPayment("REFUND", null, "refunded", idempotencyKey, paymentReference, amount);
    }

    @Override
    public Optional<CardDetails> card(String cardToken) {
        refuseWhenDown();
        return jdbc.sql("SELECT brand, last4, expiry_month, expiry_year FROM sandbox_card WHERE token = :token")
                .param("token", cardToken)
                .query((row, number) -> new CardDetails(
                        row.getString("brand"),
                        row.getString("last4"),
                        row.getInt("expiry_month"),
                        row.getInt("expiry_year")))
                .optional();
    }

    @Override
    public Optional<ProcessorOutcome> outcomeOf(String idempotencyKey) {
        refuseWhenDown();
        wait(latency);
        return stored(idempotencyKey);
    }

    /** A request on a card: the issuer answers as the card's test behaviour says; a repeated key, as the first time. */
    private ProcessorOutcome onCard(String kind, String key, String token, Money amount) {
        refuseWhenDown();
        wait(latency);
        Map<String, Object> card = jdbc
                .sql("SELECT result, code, times_out FROM sandbox_card WHERE token = :token")
                .param("token", token)
                .query()
                .listOfRows()
                .stream()
                .findFirst()
                .orElseThrow(() -> new ProcessorRefusal("unknown card token"));
        ProcessorOutcome outcome = ownTransaction.execute(status -> stored(key).orElseGet(() -> {
            ProcessorOutcome fresh =
                    answer(kind, Result.valueOf((String) card.get("result")), (String) card.get("code"));
            insert(key, kind, token, null, amount, fresh);
            return stored(key).orElseThrow();
        }));
        if (Boolean.TRUE.equals(card.get("times_out")) && !"VERIFICATION".equals(kind)) {
            throw new ProcessorTimeout(key);
        }
        return outcome;
    }

    /**
     * The issuer's answer. A verification moves no money: it is declined only for what is wrong with the card itself
     * (an invalid number, an expired card); funds, the issuer's availability, a theft or a restriction show when money
     * is asked for.
     */
    private static ProcessorOutcome answer(String kind, Result result, String code) {
        boolean cardItself = code.equals("14") || code.equals("54");
        if (kind.equals("VERIFICATION") && !cardItself) {
            return new ProcessorOutcome(Result.APPROVED, "00", "ch_" + random(12));
        }
        return new ProcessorOutcome(result, code, "ch_" + random(12));
    }

    /**
     * A capture of an authorisation or a refund of a charge or capture, at most what is left of it. The parent row is
     * locked before the key is looked up, so that two requests never take the same money and a repeated key, even a
     * concurrent one, is answered with the first outcome.
     */
    private ProcessorOutcome onPayment(
            String kind, String parentKind, String takenColumn, String key, String parentReference, Money amount) {
        refuseWhenDown();
        wait(latency);
        return ownTransaction.execute(status -> {
            Parent parent = jdbc.sql("""
                            SELECT kind, result, amount, currency, captured, refunded FROM sandbox_request
                            WHERE reference = :reference FOR UPDATE""")
                    .param("reference", parentReference)
                    .query((row, number) -> new Parent(
                            row.getString("kind"),
                            Result.valueOf(row.getString("result")),
                            row.getLong("amount"),
                            row.getString("currency"),
                            row.getLong(takenColumn)))
                    .optional()
                    .orElseThrow(() -> new ProcessorRefusal("no transaction " + parentReference));
            Optional<ProcessorOutcome> repeated = stored(key);
            if (repeated.isPresent()) {
                return repeated.get();
            }
            boolean rightKind = parentKind == null
                    ? parent.kind().equals("CHARGE") || parent.kind().equals("CAPTURE")
                    : parent.kind().equals(parentKind);
            if (parent.result() != Result.APPROVED || !rightKind) {
                throw new ProcessorRefusal(
                        kind + " of " + parentReference + ": it is a " + parent.result() + " " + parent.kind());
            }
            long left = parent.amount() - parent.taken();
            if (!amount.currency().getCurrencyCode().equals(parent.currency())
                    || amount.amount() < 1
                    || amount.amount() > left) {
                throw new ProcessorRefusal(kind + " of " + amount.amount() + " " + amount.currency() + " on "
                        + parentReference + ": " + left + " " + parent.currency() + " is left");
            }
            ProcessorOutcome outcome = new ProcessorOutcome(Result.APPROVED, "00", "ch_" + random(12));
            insert(key, kind, null, parentReference, amount, outcome);
            jdbc.sql("UPDATE sandbox_request SET " + takenColumn + " = " + takenColumn
                            + " + :amount WHERE reference = :reference")
                    .param("amount", amount.amount())
                    .param("reference", parentReference)
                    .update();
            return outcome;
        });
    }

    /** An earlier transaction a capture or refund takes money of; {@code taken} what was captured or refunded. */
    private record Parent(String kind, Result result, long amount, String currency, long taken) {}

    private Optional<ProcessorOutcome> stored(String key) {
        return jdbc.sql("SELECT result, code, reference FROM sandbox_request WHERE idempotency_key = :key")
                .param("key", key)
                .query((row, number) -> new ProcessorOutcome(
                        Result.valueOf(row.getString("result")), row.getString("code"), row.getString("reference")))
                .optional();
    }

    private void insert(String key, String kind, String token, String parent, Money amount, ProcessorOutcome outcome) {
        jdbc.sql("""
                        INSERT INTO sandbox_request (idempotency_key, kind, token, parent_reference, amount, currency,
                                                     result, code, reference, created_at)
                        VALUES (:key, :kind, :token, :parent, :amount, :currency, :result, :code, :reference, :now)
                        ON CONFLICT (idempotency_key) DO NOTHING""")
                .param("key", key)
                .param("kind", kind)
                .param("token", token)
                .param("parent", parent)
                .param("amount", amount == null ? 0 : amount.amount())
                .param("currency", amount == null ? null : amount.currency().getCurrencyCode())
                .param("result", outcome.result().name())
                .param("code", outcome.code())
                .param("reference", outcome.reference())
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    private void refuseWhenDown() {
        if (down) {
            throw new ProcessorUnavailable("connection refused");
        }
    }

    private static void wait(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessorRefusal("interrupted");
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}

package io.billstream.billing.processor;

import io.billstream.events.Money;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * The processor as the rest of the service sees it: every request goes through a bulkhead (so many in flight at
 * most), a circuit breaker (a processor that keeps failing is left alone for a while) and a time limit, all named
 * {@code processor} in the {@code resilience4j.*} settings. What the guards mean for money:
 *
 * <ul>
 *   <li>a request past its time limit may still be carried out: it is a {@link ProcessorTimeout}, whose outcome is
 *       asked for later under the same key;
 *   <li>a request the breaker or the bulkhead stops never left: it is a {@link ProcessorUnavailable}.
 * </ul>
 *
 * Declines and refusals are answers, not failures: they never open the breaker.
 */
@Component
@Primary
public class GuardedProcessor implements PaymentProcessor, AutoCloseable {

    private static final String NAME = "processor";

    private final PaymentProcessor acquirer;
    private final Bulkhead bulkhead;
    private final CircuitBreaker breaker;
    private final TimeLimiter timeLimiter;
    // A request past its time limit is left to finish on its own thread, as a lost network answer would be.
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();

    GuardedProcessor(
            @Qualifier("acquirer") PaymentProcessor acquirer,
            BulkheadRegistry bulkheads,
            CircuitBreakerRegistry breakers,
            TimeLimiterRegistry timeLimiters) {
        this.acquirer = acquirer;
        this.bulkhead = bulkheads.bulkhead(NAME);
        this.breaker = breakers.circuitBreaker(NAME);
        this.timeLimiter = timeLimiters.timeLimiter(NAME);
    }

    @Override
    public ProcessorOutcome charge(String idempotencyKey, String cardToken, Money amount) {
        return guarded(idempotencyKey, () -> acquirer.charge(idempotencyKey, cardToken, amount));
    }

    @Override
    public ProcessorOutcome authorise(String idempotencyKey, String cardToken, Money amount) {
        return guarded(idempotencyKey, () -> acquirer.authorise(idempotencyKey, cardToken, amount));
    }

    @Override
    public ProcessorOutcome capture(String idempotencyKey, String authorisationReference, Money amount) {
        return guarded(idempotencyKey, () -> acquirer.capture(idempotencyKey, authorisationReference, amount));
    }

    @Override
    public ProcessorOutcome release(String idempotencyKey, String authorisationReference, Money amount) {
        return guarded(idempotencyKey, () -> acquirer.release(idempotencyKey, authorisationReference, amount));
    }

    @Override
    public ProcessorOutcome verify(String idempotencyKey, String cardToken) {
        return guarded(idempotencyKey, () -> acquirer.verify(idempotencyKey, cardToken));
    }

    @Override
    public ProcessorOutcome refund(String idempotencyKey, String paymentReference, Money amount) {
        return guarded(idempotencyKey, () -> acquirer.refund(idempotencyKey, paymentReference, amount));
    }

    @Override
    public Optional<CardDetails> card(String cardToken) {
        try {
            return guarded("card lookup", () -> acquirer.card(cardToken));
        } catch (ProcessorTimeout late) {
            // A lookup moves no money: too late is simply unavailable.
            throw new ProcessorUnavailable("no answer in time");
        }
    }

    @Override
    public Optional<ProcessorOutcome> outcomeOf(String idempotencyKey) {
        return guarded(idempotencyKey, () -> acquirer.outcomeOf(idempotencyKey));
    }

    /** Closed or half open: requests may be sent. Open: the processor failed too often lately, none are. */
    @Override
    public boolean acceptsRequests() {
        CircuitBreaker.State state = breaker.getState();
        return state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN;
    }

    private <T> T guarded(String idempotencyKey, Supplier<T> request) {
        try {
            return bulkhead.executeCallable(() -> breaker.executeCallable(
                    () -> timeLimiter.executeFutureSupplier(() -> CompletableFuture.supplyAsync(request, requests))));
        } catch (BulkheadFullException full) {
            throw new ProcessorUnavailable("too many requests in flight");
        } catch (CallNotPermittedException open) {
            throw new ProcessorUnavailable("it failed too often lately");
        } catch (TimeoutException late) {
            throw new ProcessorTimeout(idempotencyKey);
        } catch (RuntimeException answered) {
            throw answered;
        } catch (Exception unexpected) {
            throw new IllegalStateException("processor request failed", unexpected);
        }
    }

    @Override
    public void close() {
        requests.close();
    }
}

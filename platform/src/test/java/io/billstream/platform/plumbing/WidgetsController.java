package io.billstream.platform.plumbing;

import io.billstream.events.Money;
import io.billstream.platform.security.Caller;
import io.billstream.platform.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Endpoints that fail in every way a real service can, for the problem-response and idempotency tests. */
@RestController
class WidgetsController {

    final AtomicInteger created = new AtomicInteger();

    /** Requests for a widget named "slow" wait here until a test lets them finish. */
    volatile CountDownLatch slowRequests = new CountDownLatch(0);

    record CreateWidget(
            @NotBlank String name,
            @NotNull @Valid Money price,
            @Positive int quantity) {}

    record Widget(UUID id, String name, Money price, int quantity, int number) {}

    @PostMapping("/api/v1/widgets")
    ResponseEntity<Widget> create(@Valid @RequestBody CreateWidget request) throws InterruptedException {
        if (request.name().equals("slow")) {
            slowRequests.await(30, TimeUnit.SECONDS);
        }
        Widget widget = new Widget(
                UUID.randomUUID(), request.name(), request.price(), request.quantity(), created.incrementAndGet());
        return ResponseEntity.created(URI.create("/api/v1/widgets/" + widget.id()))
                .body(widget);
    }

    @GetMapping("/api/v1/widgets/{id}")
    Widget get(@PathVariable UUID id) {
        throw new WidgetNotFound(id);
    }

    @PostMapping("/api/v1/widgets/{id}/archive")
    Widget archive(@PathVariable UUID id) {
        throw new WidgetCannotBeArchived(id, "SHIPPED");
    }

    @GetMapping("/api/v1/boom")
    Widget boom() {
        throw new IllegalStateException("secret internal detail");
    }

    @PostMapping("/api/v1/boom")
    Widget failToCreate() {
        created.incrementAndGet();
        throw new IllegalStateException("the database went away");
    }

    /** A dependency away: 503 and nothing done while {@link #dependencyAway} holds, then a widget. */
    @PostMapping("/api/v1/widgets-of-a-supplier")
    ResponseEntity<Widget> createFromSupplier() {
        if (dependencyAway.get()) {
            throw new SupplierAway();
        }
        created.incrementAndGet();
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new Widget(UUID.randomUUID(), "From a supplier", Money.of(100, "EUR"), 1, created.get()));
    }

    final AtomicBoolean dependencyAway = new AtomicBoolean();

    static class SupplierAway extends ProblemException {
        SupplierAway() {
            super(HttpStatus.SERVICE_UNAVAILABLE, "Supplier unavailable", "The supplier cannot be reached.");
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.of(Duration.ofSeconds(20));
        }
    }

    @GetMapping("/api/v1/whoami")
    Caller whoAmI(Caller caller) {
        return caller;
    }

    @GetMapping("/api/v1/merchant-only")
    String merchantOnly(Caller caller) {
        return caller.requireMerchant().toString();
    }

    static class WidgetNotFound extends ProblemException {
        WidgetNotFound(UUID id) {
            super(HttpStatus.NOT_FOUND, "Widget not found", "No widget " + id);
        }
    }

    static class WidgetCannotBeArchived extends ProblemException {
        WidgetCannotBeArchived(UUID id, String status) {
            super(
                    HttpStatus.CONFLICT,
                    "Transition not allowed",
                    "Widget " + id + " is " + status + " and cannot be archived",
                    Map.of("currentStatus", status));
        }
    }
}

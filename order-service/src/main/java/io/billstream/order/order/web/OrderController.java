package io.billstream.order.order.web;

import io.billstream.events.order.PurchaseType;
import io.billstream.order.order.Order;
import io.billstream.order.order.OrderSearch;
import io.billstream.order.order.OrderStatus;
import io.billstream.order.order.Orders;
import io.billstream.order.order.Orders.Page;
import io.billstream.order.order.TimelineEntry;
import io.billstream.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/orders")
class OrderController {

    private final Orders orders;

    OrderController(Orders orders) {
        this.orders = orders;
    }

    @PostMapping
    @Operation(
            summary = "Create an order of any purchase type, in DRAFT",
            description = "Publishes OrderCreated. Accepts Idempotency-Key.")
    ResponseEntity<Order> create(@Valid @RequestBody OrderRequest request, Caller caller) {
        Order order = orders.create(caller.requireMerchant(), request.toNewOrder());
        return ResponseEntity.created(URI.create("/api/v1/orders/" + order.id()))
                .body(order);
    }

    @GetMapping("/{id}")
    @Operation(summary = "An order of the calling merchant")
    Order get(@PathVariable UUID id, Caller caller) {
        return orders.get(caller.requireMerchant(), id);
    }

    @GetMapping("/{id}/timeline")
    @Operation(summary = "Every status the order took: when, who, why")
    List<TimelineEntry> timeline(@PathVariable UUID id, Caller caller) {
        return orders.timeline(caller.requireMerchant(), id);
    }

    @GetMapping
    @Operation(summary = "The calling merchant's orders, newest first, filtered and paged")
    Page list(
            @RequestParam(required = false) OrderStatus status,
            @RequestParam(required = false) UUID customerId,
            @RequestParam(required = false) String reference,
            @RequestParam(required = false) PurchaseType type,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            Caller caller) {
        return orders.search(
                caller.requireMerchant(), new OrderSearch(status, customerId, reference, type), page, size);
    }
}

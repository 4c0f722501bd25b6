package io.billstream.order.order.web;

import io.billstream.events.Actor;
import io.billstream.events.order.OrderStatus;
import io.billstream.events.order.PurchaseType;
import io.billstream.order.order.Order;
import io.billstream.order.order.OrderSearch;
import io.billstream.order.order.OrderTransition;
import io.billstream.order.order.Orders;
import io.billstream.order.order.TimelineEntry;
import io.billstream.platform.security.Caller;
import io.billstream.platform.web.Page;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/orders")
class OrderController {

    private final Orders orders;

    OrderController(Orders orders) {
        this.orders = orders;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    @Operation(
            operationId = "createOrder",
            summary = "Create an order of any purchase type, in DRAFT",
            description = "Publishes OrderCreated. Accepts Idempotency-Key.")
    ResponseEntity<Order> create(@Valid @RequestBody OrderRequest request, Caller caller) {
        Order order = orders.create(caller.requireMerchant(), request.toNewOrder());
        return ResponseEntity.created(URI.create("/api/v1/orders/" + order.id()))
                .body(order);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getOrder", summary = "An order of the calling merchant")
    Order get(@PathVariable UUID id, Caller caller) {
        return orders.get(caller.requireMerchant(), id);
    }

    @GetMapping("/{id}/timeline")
    @Operation(operationId = "getOrderTimeline", summary = "Every status the order took: when, who, why")
    List<TimelineEntry> timeline(@PathVariable UUID id, Caller caller) {
        return orders.timeline(caller.requireMerchant(), id);
    }

    /** Why the merchant takes an action; kept in the order's timeline. */
    record ActionRequest(
            @Size(max = 500) @Schema(example = "Customer asked by phone")
            String reason) {}

    @PostMapping("/{id}/cancel")
    @Operation(
            operationId = "cancelOrder",
            summary = "Cancel an order before payment, or a subscription at any live status")
    Order cancel(@PathVariable UUID id, @Valid @RequestBody(required = false) ActionRequest request, Caller caller) {
        return orders.cancel(caller.requireMerchant(), id, Actor.MERCHANT, reason(request));
    }

    @PostMapping("/{id}/complete")
    @Operation(operationId = "completeOrder", summary = "Mark a live order complete")
    Order complete(@PathVariable UUID id, @Valid @RequestBody(required = false) ActionRequest request, Caller caller) {
        return act(id, OrderTransition.MARKED_COMPLETE, request, caller);
    }

    @PostMapping("/{id}/pause")
    @Operation(operationId = "pauseOrder", summary = "Pause an active subscription")
    Order pause(@PathVariable UUID id, @Valid @RequestBody(required = false) ActionRequest request, Caller caller) {
        return act(id, OrderTransition.PAUSED, request, caller);
    }

    @PostMapping("/{id}/resume")
    @Operation(operationId = "resumeOrder", summary = "Resume a paused subscription")
    Order resume(@PathVariable UUID id, @Valid @RequestBody(required = false) ActionRequest request, Caller caller) {
        return act(id, OrderTransition.RESUMED, request, caller);
    }

    @Hidden // for the platform's own services, not part of the merchant API
    @PostMapping("/{id}/payment-link")
    @Operation(
            operationId = "markPaymentLinkSent",
            summary = "Take the order's payment-link step (DRAFT or REJECTED to PENDING)",
            description = "Publishes PaymentLinkIssued. The gateway routes the merchant's call to portal-service,"
                    + " which calls this with the merchant's token, then makes the link and sends it to the customer.")
    Order paymentLink(
            @PathVariable UUID id, @Valid @RequestBody(required = false) ActionRequest request, Caller caller) {
        return act(id, OrderTransition.PAYMENT_LINK_SENT, request, caller);
    }

    private Order act(UUID id, OrderTransition transition, ActionRequest request, Caller caller) {
        return orders.transition(caller.requireMerchant(), id, transition, Actor.MERCHANT, reason(request));
    }

    private static String reason(ActionRequest request) {
        return request == null ? null : request.reason();
    }

    @GetMapping
    @Operation(operationId = "listOrders", summary = "The calling merchant's orders, newest first, filtered and paged")
    Page<Order> list(
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

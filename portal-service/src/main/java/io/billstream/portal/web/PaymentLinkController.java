package io.billstream.portal.web;

import io.billstream.events.order.OrderStatus;
import io.billstream.platform.security.Caller;
import io.billstream.platform.web.ProblemException;
import io.billstream.portal.link.PaymentLinks;
import io.billstream.portal.link.PaymentLinks.Issued;
import io.billstream.portal.order.OrderService;
import io.billstream.portal.order.OrderService.Answer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The merchant sends an order's customer a payment link. order-service, asked with the merchant's own token, says
 * whose the order is and takes its "payment link sent" step (DRAFT or REJECTED to PENDING); for an order already
 * PENDING a new link is simply sent again. Then the link is made and queued for the customer, and returned.
 */
@RestController
class PaymentLinkController {

    private final OrderService orderService;
    private final PaymentLinks links;

    PaymentLinkController(OrderService orderService, PaymentLinks links) {
        this.orderService = orderService;
        this.links = links;
    }

    record SentPaymentLink(
            UUID orderId,
            UUID customerId,
            @Schema(example = "PENDING") OrderStatus status,

            @Schema(
                    example = "https://pay.billstream.example/pay/3q2-7wAAQ0uBzL4cFqHbZg.QmJ4cGx6c1lQVXo5cWtMRQ",
                    description = "The link the customer was sent; it opens the checkout, and the order portal once"
                            + " the order is paid")
            String url,

            Instant expiresAt) {}

    @PostMapping("/api/v1/orders/{orderId}/payment-link")
    @Operation(
            operationId = "sendPaymentLink",
            summary = "Send the order's customer a payment link, and get it",
            description = "Emailed (and texted where the merchant sends SMS) to the order's customer; valid 14 days."
                    + " A DRAFT or REJECTED order becomes PENDING; a PENDING one gets a new link. Another merchant's"
                    + " order answers 404; an order past its first payment 409.")
    SentPaymentLink send(
            @PathVariable UUID orderId,
            @Parameter(hidden = true) @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            Caller caller) {
        UUID merchantId = caller.requireMerchant();
        String merchantToken = authorization.substring("Bearer ".length()).strip();
        Answer.Found order = found(ask(() -> orderService.get(orderId, merchantToken)));
        if (order.status() == OrderStatus.DRAFT || order.status() == OrderStatus.REJECTED) {
            order = found(ask(() -> orderService.paymentLinkSent(orderId, merchantToken)));
        } else if (order.status() != OrderStatus.PENDING) {
            throw new NotAwaitingPayment(order.status());
        }
        Issued issued = links.issue(merchantId, orderId, order.customerId(), caller.subject());
        return new SentPaymentLink(orderId, order.customerId(), order.status(), issued.url(), issued.expiresAt());
    }

    private static Answer ask(Supplier<Answer> call) {
        try {
            return call.get();
        } catch (OrderService.Unavailable unavailable) {
            throw new OrderServiceUnavailable();
        }
    }

    private static Answer.Found found(Answer answer) {
        return switch (answer) {
            case Answer.Found found -> found;
            case Answer.Refused refused -> throw new RefusedByOrderService(refused);
        };
    }

    /** order-service's own refusal (404, 409 with the current status, …), passed on as it came. */
    static final class RefusedByOrderService extends RuntimeException {
        final Answer.Refused refusal;

        RefusedByOrderService(Answer.Refused refusal) {
            super("order-service refused: " + refusal.status());
            this.refusal = refusal;
        }
    }

    @ExceptionHandler(RefusedByOrderService.class)
    ResponseEntity<byte[]> passOn(RefusedByOrderService refused) {
        return ResponseEntity.status(refused.refusal.status())
                .header(HttpHeaders.CONTENT_TYPE, refused.refusal.contentType())
                .body(refused.refusal.body());
    }

    static final class NotAwaitingPayment extends ProblemException {
        NotAwaitingPayment(OrderStatus status) {
            super(
                    HttpStatus.CONFLICT,
                    "Conflict",
                    "A payment link is for an order awaiting its first payment; this one is " + status + ".",
                    Map.of("currentStatus", status.name()));
        }
    }

    static final class OrderServiceUnavailable extends ProblemException {
        OrderServiceUnavailable() {
            super(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Service Unavailable",
                    "order-service is not reachable, so the order cannot be checked; nothing was sent.");
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.of(Duration.ofSeconds(5));
        }
    }
}

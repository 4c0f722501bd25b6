package io.billstream.notification.web;

import io.billstream.events.Topics;
import io.billstream.notification.message.Notification;
import io.billstream.notification.message.Notifications;
import io.billstream.platform.copy.Copies;
import io.billstream.platform.security.Caller;
import io.billstream.platform.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class NotificationController {

    private final Notifications notifications;
    private final Copies copies;

    NotificationController(Notifications notifications, Copies copies) {
        this.notifications = notifications;
        this.copies = copies;
    }

    @GetMapping("/api/v1/notifications")
    @Operation(
            operationId = "listNotifications",
            summary = "The merchant's messages to its customers, newest first, with their content and delivery",
            description = "Of one order and of one customer when given; at most 200. An order or customer the"
                    + " merchant does not have answers 404.")
    List<Notification> log(
            @RequestParam(required = false) UUID orderId,
            @RequestParam(required = false) UUID customerId,
            Caller caller) {
        UUID merchantId = caller.requireMerchant();
        // A filter naming another merchant's order or customer, or none, is refused rather than matching nothing;
        // order-service says, so one it answered for a moment ago is known (ADR 13).
        if (orderId != null && !copies.exists(Topics.ORDERS, merchantId, orderId)) {
            throw new NotFound("order", orderId);
        }
        if (customerId != null && !copies.exists(Topics.CUSTOMERS, merchantId, customerId)) {
            throw new NotFound("customer", customerId);
        }
        return notifications.log(merchantId, orderId, customerId);
    }

    static final class NotFound extends ProblemException {
        NotFound(String kind, UUID id) {
            super(
                    HttpStatus.NOT_FOUND,
                    Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + " not found",
                    "There is no " + kind + " " + id + ".");
        }
    }
}

package io.billstream.notification.web;

import io.billstream.notification.message.Notification;
import io.billstream.notification.message.Notifications;
import io.billstream.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class NotificationController {

    private final Notifications notifications;

    NotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/api/v1/notifications")
    @Operation(
            summary = "The merchant's messages to its customers, newest first, with their content and delivery",
            description = "Of one order and of one customer when given; at most 200.")
    List<Notification> log(
            @RequestParam(required = false) UUID orderId,
            @RequestParam(required = false) UUID customerId,
            Caller caller) {
        return notifications.log(caller.requireMerchant(), orderId, customerId);
    }
}

package io.billstream.platform.plumbing;

import io.billstream.platform.plumbing.PlumbingTestApplication.Orders;
import io.billstream.platform.security.Caller;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** An API call that changes state and publishes an event, as every service's commands will. */
@RestController
class OrdersController {

    private final Orders orders;

    OrdersController(Orders orders) {
        this.orders = orders;
    }

    @PostMapping("/api/v1/orders/{orderId}")
    UUID create(@PathVariable UUID orderId, Caller caller) {
        return orders.create(caller.requireMerchant(), orderId, "ORD-HTTP", false);
    }
}

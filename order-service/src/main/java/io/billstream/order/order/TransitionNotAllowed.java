package io.billstream.order.order;

import io.billstream.events.order.OrderStatus;
import io.billstream.events.order.PurchaseType;
import io.billstream.platform.web.ProblemException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A transition the status table does not allow from the order's current status; answered 409 and changes nothing. */
public class TransitionNotAllowed extends ProblemException {

    private final OrderStatus currentStatus;

    TransitionNotAllowed(OrderStatus currentStatus, OrderTransition transition, PurchaseType type) {
        super(
                HttpStatus.CONFLICT,
                "Transition not allowed",
                "%s is not allowed for %s %s order in status %s"
                        .formatted(
                                transition.inWords(),
                                type.name().matches("^[AEIOU].*") ? "an" : "a",
                                type,
                                currentStatus),
                Map.of("currentStatus", currentStatus.name(), "transition", transition.name()));
        this.currentStatus = currentStatus;
    }

    public OrderStatus currentStatus() {
        return currentStatus;
    }
}

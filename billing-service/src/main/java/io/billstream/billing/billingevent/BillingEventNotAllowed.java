package io.billstream.billing.billingevent;

import io.billstream.events.order.OrderStatus;
import io.billstream.events.order.PurchaseType;
import io.billstream.platform.web.ProblemException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The merchant creates billing events for METERED orders only, and not once the order is final: the schedules of the
 * other types follow from their plan. Answered 409; nothing is scheduled.
 */
class BillingEventNotAllowed extends ProblemException {

    BillingEventNotAllowed(PurchaseType type, OrderStatus status) {
        super(
                HttpStatus.CONFLICT,
                "Billing event not allowed",
                ("billing events are created by the merchant for METERED orders that are not CANCELLED or COMPLETE;"
                                + " this order is a %s order in status %s")
                        .formatted(type, status),
                Map.of("purchaseType", type.name(), "currentStatus", status.name()));
    }
}

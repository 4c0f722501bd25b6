package io.billstream.order.order;

import io.billstream.events.order.OrderStatus;
import io.billstream.events.order.PurchaseType;
import io.billstream.platform.web.ProblemException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** Usage is reported against METERED orders that are not final; answered 409 and nothing is stored. */
class UsageNotAccepted extends ProblemException {

    UsageNotAccepted(PurchaseType type, OrderStatus status) {
        super(
                HttpStatus.CONFLICT,
                "Usage not accepted",
                "usage is reported against METERED orders that are not CANCELLED or COMPLETE; this order is a %s order in status %s"
                        .formatted(type, status),
                Map.of("purchaseType", type.name(), "currentStatus", status.name()));
    }
}

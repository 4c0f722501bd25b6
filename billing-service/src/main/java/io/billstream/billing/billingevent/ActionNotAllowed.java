package io.billstream.billing.billingevent;

import io.billstream.platform.web.ProblemException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** An action the billing event's status does not allow; answered 409 with the current status, nothing changed. */
class ActionNotAllowed extends ProblemException {

    ActionNotAllowed(BillingEventAction action, BillingEvent event) {
        super(
                HttpStatus.CONFLICT,
                "Action not allowed",
                "%s is not allowed for billing event %s in status %s".formatted(action, event.id(), event.status()),
                Map.of("currentStatus", event.status().name(), "action", action.name()));
    }
}

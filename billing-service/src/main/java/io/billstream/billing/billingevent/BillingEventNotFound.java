package io.billstream.billing.billingevent;

import io.billstream.platform.web.ProblemException;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** Also the answer for another merchant's billing event. */
class BillingEventNotFound extends ProblemException {

    BillingEventNotFound(UUID id) {
        super(HttpStatus.NOT_FOUND, "Billing event not found", "There is no billing event " + id + ".");
    }
}

package io.billstream.billing.billingevent;

import io.billstream.platform.web.ProblemException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A first step, capture or void the order or transaction does not allow now: the order is past its first step, one is
 * in flight or done, the authorisation is not approved or was captured. Answered 409; nothing is sent to the processor.
 */
class FirstStepNotAllowed extends ProblemException {

    FirstStepNotAllowed(String detail, Map<String, Object> properties) {
        super(HttpStatus.CONFLICT, "Not allowed now", detail, properties);
    }
}

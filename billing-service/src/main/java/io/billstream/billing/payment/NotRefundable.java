package io.billstream.billing.payment;

import io.billstream.platform.web.ProblemException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A refund the payment does not allow: it is not an approved payment or capture, or less is left than asked for. */
class NotRefundable extends ProblemException {

    NotRefundable(String detail, Map<String, Object> properties) {
        super(HttpStatus.CONFLICT, "Refund not allowed", detail, properties);
    }
}

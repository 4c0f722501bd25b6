package io.billstream.billing.billingevent;

import io.billstream.platform.web.ProblemException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A charge the merchant asked for that may not be made: the order is not ACTIVE or FAILED (a suspended order needs a
 * new card, a paused one its resume), it has no card, or a retry would break the limit of 15 within 30 days.
 * Answered 409; nothing is charged.
 */
class NotChargeable extends ProblemException {

    NotChargeable(String detail, Map<String, Object> properties) {
        super(HttpStatus.CONFLICT, "Not chargeable", detail, properties);
    }
}

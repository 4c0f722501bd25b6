package io.billstream.billing.billingevent;

import io.billstream.platform.web.ProblemException;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** Also the answer for another merchant's order: its existence is not revealed. */
public class OrderNotFound extends ProblemException {

    public OrderNotFound(UUID id) {
        super(HttpStatus.NOT_FOUND, "Order not found", "There is no order " + id + ".");
    }
}

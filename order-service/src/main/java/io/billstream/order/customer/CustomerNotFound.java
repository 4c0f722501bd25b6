package io.billstream.order.customer;

import io.billstream.platform.web.ProblemException;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** Also the answer for another merchant's customer: its existence is not revealed. */
class CustomerNotFound extends ProblemException {

    CustomerNotFound(UUID id) {
        super(HttpStatus.NOT_FOUND, "Customer not found", "There is no customer " + id + ".");
    }
}

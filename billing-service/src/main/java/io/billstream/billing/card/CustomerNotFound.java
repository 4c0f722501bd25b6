package io.billstream.billing.card;

import io.billstream.platform.web.ProblemException;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** order-service has no such customer of the merchant (or it is another merchant's): cards belong to known customers. */
public class CustomerNotFound extends ProblemException {

    public CustomerNotFound(UUID id) {
        super(HttpStatus.NOT_FOUND, "Customer not found", "There is no customer " + id + ".");
    }
}

package io.billstream.billing.card;

import io.billstream.platform.web.ProblemException;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** No order of the merchant is for this customer (or it is another customer's id): cards belong to known customers. */
public class CustomerNotFound extends ProblemException {

    public CustomerNotFound(UUID id) {
        super(HttpStatus.NOT_FOUND, "Customer not found", "There is no customer " + id + " with an order.");
    }
}

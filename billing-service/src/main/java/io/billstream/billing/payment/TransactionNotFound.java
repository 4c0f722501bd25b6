package io.billstream.billing.payment;

import io.billstream.platform.web.ProblemException;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** No transaction of the caller's merchant has this id. */
public class TransactionNotFound extends ProblemException {

    public TransactionNotFound(UUID id) {
        super(HttpStatus.NOT_FOUND, "Transaction not found", "There is no transaction " + id + ".");
    }
}

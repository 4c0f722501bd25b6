package io.billstream.order.customer;

import io.billstream.platform.web.ProblemException;
import java.util.Map;
import org.springframework.http.HttpStatus;

class CustomerReferenceTaken extends ProblemException {

    CustomerReferenceTaken(String reference) {
        super(
                HttpStatus.CONFLICT,
                "Customer reference taken",
                "Another customer already has the reference '" + reference + "'.",
                Map.of("reference", reference));
    }
}

package io.billstream.order.order;

import io.billstream.platform.web.ProblemException;
import java.util.Map;
import org.springframework.http.HttpStatus;

class OrderReferenceTaken extends ProblemException {

    OrderReferenceTaken(String reference) {
        super(
                HttpStatus.CONFLICT,
                "Order reference taken",
                "Another order already has the reference '" + reference + "'.",
                Map.of("reference", reference));
    }
}

package io.billstream.billing.payment;

import io.billstream.platform.web.ProblemException;
import org.springframework.http.HttpStatus;

/** The processor refused a capture, release or refund outright; the transaction is kept as REFUSED, nothing moved. */
public class RefusedByProcessor extends ProblemException {

    public RefusedByProcessor(String reason) {
        super(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "Refused by the processor",
                "The processor refused it: " + reason + ".");
    }
}

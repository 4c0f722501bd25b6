package io.billstream.billing.processor.sandbox;

import io.billstream.platform.web.InvalidRequest;
import io.billstream.platform.web.InvalidRequest.FieldError;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/** Checks a keyed-in card as hosted card fields do, then tokenizes it; the problems name fields, never values. */
@Service
public class SandboxTokens {

    private final SandboxProcessor processor;
    private final Clock clock;

    SandboxTokens(SandboxProcessor processor, Clock clock) {
        this.processor = processor;
        this.clock = clock;
    }

    public SandboxCard tokenize(String number, int expiryMonth, int expiryYear, String cvc, String holderName) {
        List<FieldError> errors = new ArrayList<>();
        String digits = number == null ? null : number.replace(" ", "");
        if (!CardNumbers.valid(digits)) {
            errors.add(new FieldError("number", "is not a valid card number"));
        }
        if (expiryMonth < 1 || expiryMonth > 12) {
            errors.add(new FieldError("expiryMonth", "must be 1 to 12"));
        } else if (YearMonth.of(expiryYear, expiryMonth).isBefore(YearMonth.now(clock))) {
            errors.add(new FieldError("expiryYear", "the card has expired"));
        }
        if (cvc == null || !cvc.matches("[0-9]{3,4}")) {
            errors.add(new FieldError("cvc", "must be 3 or 4 digits"));
        }
        if (holderName != null && holderName.length() > 200) {
            errors.add(new FieldError("holderName", "must be at most 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        return processor.tokenize(digits, expiryMonth, expiryYear, holderName);
    }
}

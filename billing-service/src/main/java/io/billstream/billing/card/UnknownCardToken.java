package io.billstream.billing.card;

import io.billstream.platform.web.InvalidRequest;
import io.billstream.platform.web.InvalidRequest.FieldError;
import java.util.List;

/** A token the processor does not know: answered 400 on the field. */
class UnknownCardToken extends InvalidRequest {

    UnknownCardToken() {
        super(List.of(new FieldError("token", "is not a card token of the processor")));
    }
}

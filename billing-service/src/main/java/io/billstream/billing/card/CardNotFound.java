package io.billstream.billing.card;

import io.billstream.platform.web.ProblemException;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** Not a card of this customer, or one that was removed. */
class CardNotFound extends ProblemException {

    CardNotFound(UUID id) {
        super(HttpStatus.NOT_FOUND, "Card not found", "There is no card " + id + " of this customer.");
    }
}

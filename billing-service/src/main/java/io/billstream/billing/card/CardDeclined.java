package io.billstream.billing.card;

import io.billstream.platform.web.ProblemException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The issuer refused the zero-amount check of a card; answered 422 with the decline code, nothing stored. */
class CardDeclined extends ProblemException {

    CardDeclined(String code) {
        super(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "Card declined",
                "The card was declined when it was checked (ISO 8583 code " + code + ").",
                Map.of("code", code));
    }
}

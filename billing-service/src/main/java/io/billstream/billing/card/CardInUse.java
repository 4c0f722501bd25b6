package io.billstream.billing.card;

import io.billstream.platform.web.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** A card that live orders are charged to stays until they use another one. */
class CardInUse extends ProblemException {

    CardInUse(UUID cardId, List<UUID> orderIds) {
        super(
                HttpStatus.CONFLICT,
                "Card in use",
                "Card " + cardId + " is used by live orders; give them another card first.",
                Map.of("orderIds", orderIds));
    }
}

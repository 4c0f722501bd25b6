package io.billstream.billing.billingevent.web;

import io.billstream.billing.billingevent.OrderCards;
import io.billstream.billing.card.Card;
import io.billstream.platform.security.Caller;
import io.billstream.platform.web.InvalidRequest;
import io.billstream.platform.web.InvalidRequest.FieldError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/v1/orders/{id}/card")
class OrderCardController {

    private final OrderCards cards;

    OrderCardController(OrderCards cards) {
        this.cards = cards;
    }

    /** A new card (a token from the processor's hosted card fields) or one the customer has: exactly one of them. */
    record OrderCard(
            @Size(max = 40) @Schema(example = "tok_3f9a1c2b7e4d5a6b8c9d0e1f")
            String token,

            UUID cardId) {}

    @PutMapping
    @Operation(
            operationId = "replaceOrderCard",
            summary = "Assign or replace the card the order's billing events are charged to",
            description = "A new card (`token`) is checked with a zero-amount verification first; a declined card"
                    + " answers 422 with the ISO 8583 code and nothing changes. Or `cardId`: another card of the"
                    + " order's customer. Replacing a card is published as CardReplaced.")
    Card assign(@PathVariable UUID id, @Valid @RequestBody OrderCard request, Caller caller) {
        UUID merchantId = caller.requireMerchant();
        if ((request.token() == null) == (request.cardId() == null)) {
            throw new InvalidRequest(List.of(new FieldError("token", "give either a token or a cardId")));
        }
        return request.token() != null
                ? cards.assignNew(merchantId, id, request.token())
                : cards.assignExisting(merchantId, id, request.cardId());
    }

    @GetMapping
    @Operation(operationId = "getOrderCard", summary = "The card the order's billing events are charged to")
    Card get(@PathVariable UUID id, Caller caller) {
        return cards.of(caller.requireMerchant(), id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "The order has no card yet."));
    }
}

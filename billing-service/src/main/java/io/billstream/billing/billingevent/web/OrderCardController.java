package io.billstream.billing.billingevent.web;

import io.billstream.billing.billingevent.OrderCards;
import io.billstream.billing.card.Card;
import io.billstream.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
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

    /** A token from the processor's hosted card fields. */
    record CardToken(
            @NotBlank @Size(max = 40) @Schema(example = "tok_3f9a1c2b7e4d5a6b8c9d0e1f")
            String token) {}

    @PutMapping
    @Operation(
            summary = "Assign or replace the card the order's billing events are charged to",
            description = "The card is checked with a zero-amount verification; a declined card answers 422 with"
                    + " the ISO 8583 code and nothing changes.")
    Card assign(@PathVariable UUID id, @Valid @RequestBody CardToken request, Caller caller) {
        return cards.assign(caller.requireMerchant(), id, request.token());
    }

    @GetMapping
    @Operation(summary = "The card the order's billing events are charged to")
    Card get(@PathVariable UUID id, Caller caller) {
        return cards.of(caller.requireMerchant(), id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "The order has no card yet."));
    }
}

package io.billstream.billing.card.web;

import io.billstream.billing.card.Card;
import io.billstream.billing.card.Cards;
import io.billstream.billing.card.CustomerNotFound;
import io.billstream.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A customer's cards; the merchant's, or the customer's own through the portal. */
@RestController
@RequestMapping("/api/v1/customers/{customerId}/cards")
class CustomerCardController {

    private final Cards cards;

    CustomerCardController(Cards cards) {
        this.cards = cards;
    }

    /** A token from the processor's hosted card fields. */
    record CardToken(
            @NotBlank @Size(max = 40) @Schema(example = "tok_3f9a1c2b7e4d5a6b8c9d0e1f")
            String token) {}

    @GetMapping
    @Operation(operationId = "listCustomerCards", summary = "The customer's cards, the default first")
    List<Card> list(@PathVariable UUID customerId, Caller caller) {
        return cards.of(merchantFor(caller, customerId), customerId);
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    @Operation(
            operationId = "addCustomerCard",
            summary = "Add a card from a token of the hosted card fields",
            description = "Checked with a zero-amount verification: a declined card answers 422 with the ISO 8583"
                    + " code and nothing is stored. A customer's first card is its default. Published as"
                    + " CardRegistered.")
    ResponseEntity<Card> add(@PathVariable UUID customerId, @Valid @RequestBody CardToken request, Caller caller) {
        Card card = cards.add(merchantFor(caller, customerId), customerId, request.token());
        return ResponseEntity.created(URI.create("/api/v1/customers/" + customerId + "/cards/" + card.id()))
                .body(card);
    }

    @GetMapping("/{cardId}")
    @Operation(operationId = "getCustomerCard", summary = "One of the customer's cards")
    Card get(@PathVariable UUID customerId, @PathVariable UUID cardId, Caller caller) {
        return cards.ofCustomer(merchantFor(caller, customerId), customerId, cardId);
    }

    @PostMapping("/{cardId}/default")
    @Operation(operationId = "makeCustomerCardDefault", summary = "Make the card the customer's default")
    Card makeDefault(@PathVariable UUID customerId, @PathVariable UUID cardId, Caller caller) {
        return cards.makeDefault(merchantFor(caller, customerId), customerId, cardId);
    }

    @ResponseStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping("/{cardId}")
    @Operation(
            operationId = "removeCustomerCard",
            summary = "Remove a card no live order uses",
            description = "409 naming the live orders that use it. When it was the default, the newest card left"
                    + " becomes the default. Published as CardRemoved.")
    ResponseEntity<Void> remove(@PathVariable UUID customerId, @PathVariable UUID cardId, Caller caller) {
        cards.remove(merchantFor(caller, customerId), customerId, cardId);
        return ResponseEntity.noContent().build();
    }

    /** The merchant whose customer this is: the merchant itself, or the customer's own merchant for itself only. */
    private static UUID merchantFor(Caller caller, UUID customerId) {
        if (caller.kind() == Caller.Kind.CUSTOMER) {
            if (!caller.customerId().equals(customerId)) {
                throw new CustomerNotFound(customerId);
            }
            return caller.merchantId();
        }
        return caller.requireMerchant();
    }
}

package io.billstream.billing.processor.sandbox.web;

import io.billstream.billing.processor.sandbox.SandboxCard;
import io.billstream.billing.processor.sandbox.SandboxTokens;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox processor's hosted card fields: the checkout's card form posts here, and only here, so that no other
 * part of the platform ever receives a card number. Open to anyone, as a processor's card fields are.
 */
@RestController
class TokenizationController {

    private final SandboxTokens tokens;

    TokenizationController(SandboxTokens tokens) {
        this.tokens = tokens;
    }

    /** A card as the customer keys it in. Never logged: {@link #toString()} shows no number and no security code. */
    record CardEntry(
            @Schema(example = "4242424242424242") String number,
            @Schema(example = "12") int expiryMonth,
            @Schema(example = "2030") int expiryYear,
            @Schema(example = "123") String cvc,
            @Schema(example = "Anna Schmidt") String holderName) {

        @Override
        public String toString() {
            return "CardEntry[number=****, cvc=***]";
        }
    }

    @PostMapping("/sandbox/v1/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "createCardToken",
            summary = "Tokenize a card (sandbox hosted card fields)",
            description = "Returns a token with the brand, last four digits and expiry; the number and the security"
                    + " code are not kept. The canvas lists the test cards and how the issuer answers each.")
    SandboxCard tokenize(@RequestBody CardEntry card) {
        return tokens.tokenize(card.number(), card.expiryMonth(), card.expiryYear(), card.cvc(), card.holderName());
    }
}

package io.billstream.portal.web;

import io.billstream.platform.web.ProblemException;
import io.billstream.portal.token.TokenExchange;
import io.billstream.portal.token.TokenIssuer.IssuedToken;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The gateway's exchange of the credential a caller presents for an internal token. Open without a token, as the
 * credential itself is what is checked; the gateway routes nothing under {@code /internal}, so only the platform's own
 * network reaches it.
 */
@RestController
class TokenExchangeController {

    private final TokenExchange exchange;

    TokenExchangeController(TokenExchange exchange) {
        this.exchange = exchange;
    }

    /** @param credential a merchant's API key ({@code sk_test_…}, {@code sk_live_…}) or the operator's credential */
    record Credential(
            @NotNull @Size(max = 200) @Schema(example = "sk_test_4eC39HqLyjWDarjtT1zdp7dc4eC39HqLyjWDarjtT1z")
            String credential) {}

    @Hidden // for the platform's own services, not part of the merchant API
    @PostMapping("/internal/v1/tokens")
    @Operation(
            summary = "Exchange an API key or the operator's credential for an internal token (for the gateway)",
            description = "401 for an unknown, revoked or malformed credential, alike. A merchant token lives one"
                    + " minute, so a revoked key stops working within a minute wherever its token is cached.")
    IssuedToken exchange(@Valid @RequestBody Credential presented) {
        return exchange.exchange(presented.credential()).orElseThrow(CredentialRefused::new);
    }

    static final class CredentialRefused extends ProblemException {
        CredentialRefused() {
            super(HttpStatus.UNAUTHORIZED, "Unauthorized", "The credential is not valid.");
        }
    }
}

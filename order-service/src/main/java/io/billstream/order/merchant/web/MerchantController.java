package io.billstream.order.merchant.web;

import io.billstream.events.merchant.MerchantSettings;
import io.billstream.order.merchant.Merchants;
import io.billstream.order.merchant.Merchants.Merchant;
import io.billstream.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/merchants")
class MerchantController {

    static final String OPERATOR = "platform-operator";

    private final Merchants merchants;

    MerchantController(Merchants merchants) {
        this.merchants = merchants;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    @Operation(
            operationId = "createMerchant",
            summary = "Create a merchant (platform operator only)",
            description = "Retry policy, notifications, portal options and invoice prefix default when left out.")
    ResponseEntity<Merchant> create(@RequestBody MerchantSettings settings, Caller caller) {
        caller.requireService(OPERATOR);
        Merchant merchant = merchants.create(settings);
        return ResponseEntity.created(URI.create("/api/v1/merchants/" + merchant.id()))
                .body(merchant);
    }

    @GetMapping("/me")
    @Operation(operationId = "getMyMerchant", summary = "The calling merchant's settings")
    Merchant me(Caller caller) {
        return merchants.get(caller.requireMerchant());
    }

    @PutMapping("/me")
    @Operation(
            operationId = "replaceMyMerchant",
            summary = "Replace the calling merchant's settings",
            description = "Publishes MerchantSettingsChanged.")
    Merchant change(@RequestBody MerchantSettings settings, Caller caller) {
        return merchants.change(caller.requireMerchant(), settings);
    }
}

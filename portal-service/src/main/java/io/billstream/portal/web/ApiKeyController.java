package io.billstream.portal.web;

import io.billstream.platform.security.Caller;
import io.billstream.portal.apikey.ApiKey;
import io.billstream.portal.apikey.ApiKeys;
import io.billstream.portal.apikey.ApiKeys.Created;
import io.billstream.portal.apikey.ApiKeys.Mode;
import io.billstream.portal.token.TokenExchange;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Merchants manage their API keys; the platform operator creates a new merchant's first one. */
@RestController
class ApiKeyController {

    private final ApiKeys keys;

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    record NewApiKey(
            @NotNull @Schema(example = "TEST") Mode mode,

            @NotBlank @Size(max = 100) @Schema(example = "Shop backend")
            String name) {}

    /** A key just created, with the key itself: shown this once, never again. */
    record CreatedApiKey(
            UUID id,
            @Schema(example = "TEST") String mode,
            @Schema(example = "Shop backend") String name,
            @Schema(example = "sk_test_…x7Qa") String hint,
            Instant createdAt,

            @Schema(
                    example = "sk_test_4eC39HqLyjWDarjtT1zdp7dc4eC39HqLyjWDarjtT1x7Qa",
                    description = "The key: store it now, it is not shown again")
            String key) {

        static CreatedApiKey of(Created created) {
            ApiKey key = created.key();
            return new CreatedApiKey(key.id(), key.mode(), key.name(), key.hint(), key.createdAt(), created.secret());
        }
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/api/v1/api-keys")
    @Operation(
            operationId = "createApiKey",
            summary = "Create an API key, test or live; the key is in this answer only")
    ResponseEntity<CreatedApiKey> create(@Valid @RequestBody NewApiKey request, Caller caller) {
        UUID merchantId = caller.requireMerchant();
        return created(keys.create(merchantId, request.mode(), request.name(), caller.subject()));
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/api/v1/merchants/{merchantId}/api-keys")
    @Operation(
            operationId = "createMerchantApiKey",
            summary = "Create a merchant's API key (the platform operator, for a new merchant's first key)")
    ResponseEntity<CreatedApiKey> createFor(
            @PathVariable UUID merchantId, @Valid @RequestBody NewApiKey request, Caller caller) {
        caller.requireService(TokenExchange.OPERATOR);
        return created(keys.create(merchantId, request.mode(), request.name(), caller.subject()));
    }

    @GetMapping("/api/v1/api-keys")
    @Operation(
            operationId = "listApiKeys",
            summary = "The merchant's API keys, newest first, revoked ones included; never the keys themselves")
    List<ApiKey> list(Caller caller) {
        return keys.of(caller.requireMerchant());
    }

    @PostMapping("/api/v1/api-keys/{id}/revoke")
    @Operation(
            operationId = "revokeApiKey",
            summary = "Revoke an API key",
            description = "Refused from this moment on; tokens already got from it expire within a minute. Revoking"
                    + " it again changes nothing.")
    ApiKey revoke(@PathVariable UUID id, Caller caller) {
        return keys.revoke(caller.requireMerchant(), id);
    }

    private static ResponseEntity<CreatedApiKey> created(Created created) {
        return ResponseEntity.status(HttpStatus.CREATED).body(CreatedApiKey.of(created));
    }
}

package io.billstream.portal.web;

import io.billstream.portal.token.SigningKeys;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public keys every service verifies internal tokens with (RFC 7517), open to all. */
@RestController
class JwksController {

    private final SigningKeys keys;

    JwksController(SigningKeys keys) {
        this.keys = keys;
    }

    @Hidden // for the platform's own services, not part of the merchant API
    @GetMapping(value = "/.well-known/jwks.json", produces = "application/jwk-set+json")
    @Operation(
            summary = "The JSON Web Key Set of the internal tokens' signing keys: the current, the next, the retiring")
    ResponseEntity<Map<String, Object>> jwks() {
        // A successor key is published 15 minutes before it signs: five minutes of caching leave room to spare.
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(keys.published().toJSONObject(true));
    }
}

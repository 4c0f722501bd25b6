package io.billstream.portal.page;

import io.billstream.portal.token.ServerKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * CSRF tokens for the portal's forms: an HMAC of the browser's visitor cookie under a key only the portal has. Another
 * site can neither read the cookie nor compute the token, so a form it makes the browser post carries no valid token.
 * Stateless, so it works on every instance and before sign-in (which login CSRF needs).
 */
@Component
class CsrfTokens {

    static final String FIELD = "_csrf";
    private static final String PURPOSE = "csrf";

    private final ServerKeys keys;

    CsrfTokens(ServerKeys keys) {
        this.keys = keys;
    }

    String tokenFor(String visitor) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(keys.mac(PURPOSE, visitor));
    }

    boolean valid(String visitor, String presented) {
        return MessageDigest.isEqual(
                tokenFor(visitor).getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
    }
}

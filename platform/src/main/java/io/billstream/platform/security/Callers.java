package io.billstream.platform.security;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Reads the {@link Caller} from the verified token of the current request. Claims: {@code caller} (merchant, customer
 * or service), {@code merchant_id}, {@code customer_id}.
 */
public final class Callers {

    public static final String CALLER_CLAIM = "caller";
    public static final String MERCHANT_CLAIM = "merchant_id";
    public static final String CUSTOMER_CLAIM = "customer_id";

    private Callers() {}

    public static Optional<Caller> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            return Optional.of(of(token.getToken()));
        }
        return Optional.empty();
    }

    static Caller of(Jwt jwt) {
        String kind = jwt.getClaimAsString(CALLER_CLAIM);
        if (kind == null) {
            throw new IllegalArgumentException("token has no '" + CALLER_CLAIM + "' claim");
        }
        return new Caller(
                Caller.Kind.valueOf(kind.toUpperCase(Locale.ROOT)),
                jwt.getSubject(),
                uuid(jwt, MERCHANT_CLAIM),
                uuid(jwt, CUSTOMER_CLAIM));
    }

    private static UUID uuid(Jwt jwt, String claim) {
        String value = jwt.getClaimAsString(claim);
        return value == null ? null : UUID.fromString(value);
    }
}

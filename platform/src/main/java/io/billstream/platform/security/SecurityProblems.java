package io.billstream.platform.security;

import io.billstream.platform.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** Missing, invalid and insufficient tokens answered as problem responses, with the RFC 6750 challenge. */
class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ProblemResponses problems;

    SecurityProblems(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (failure instanceof OAuth2AuthenticationException refused) {
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "Invalid token", inOurWords(refused));
        } else {
            response.setHeader("WWW-Authenticate", "Bearer");
            problems.write(
                    request,
                    response,
                    HttpStatus.UNAUTHORIZED,
                    "Authentication required",
                    "A bearer token is required: Authorization: Bearer <token>.");
        }
    }

    /**
     * Why a token was refused, in the platform's words: the validators of {@link SecurityConfiguration} speak them
     * already ("The token ..."); what the JWT library says of a token it could not read or verify is said again
     * plainly, without its internals.
     */
    static String inOurWords(OAuth2AuthenticationException refused) {
        String said = refused.getError().getDescription() == null
                ? ""
                : refused.getError().getDescription();
        // The library puts its own words before a validator's ("An error occurred while attempting to decode the
        // Jwt: The token ..."); only ours are kept.
        int ours = said.indexOf("The token ");
        if (ours >= 0) {
            return said.substring(ours);
        }
        String lower = said.toLowerCase(Locale.ROOT);
        if (lower.contains("expired")) {
            return "The token has expired.";
        }
        if (lower.contains("used before")) {
            return "The token is not valid yet.";
        }
        if (lower.contains("iss claim")) {
            return "The token was issued by another issuer than this platform's.";
        }
        if (lower.contains("algorithm") || lower.contains("no matching key")) {
            return "The token is signed with an algorithm that is not allowed, or by a key the issuer does not publish.";
        }
        if (lower.contains("signature")) {
            return "The token's signature is invalid: no key the issuer publishes signed it.";
        }
        if (lower.contains("malformed") || lower.contains("decode")) {
            return "The bearer token is not a well-formed token.";
        }
        return "The bearer token is not valid.";
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
        problems.write(request, response, HttpStatus.FORBIDDEN, "Forbidden", "The token does not allow this request.");
    }
}

package io.billstream.portal.page;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * The cookies the portal sets and what it reads of the request. Cookies are {@code __Host-} prefixed (so only this
 * host, over HTTPS, with {@code Path=/}, can set them), {@code Secure}, {@code HttpOnly} and {@code SameSite=Lax}:
 * sent when a customer follows a link from an email, never on another site's form post or fetch.
 */
final class Browser {

    /** The portal session. */
    static final String SESSION = "__Host-portal_session";

    /** A random id per browser that the CSRF tokens of its forms are bound to, before and after sign-in. */
    static final String VISITOR = "__Host-portal_visitor";

    private Browser() {}

    static Optional<String> cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        return Arrays.stream(cookies)
                .filter(cookie ->
                        cookie.getName().equals(name) && !cookie.getValue().isBlank())
                .map(Cookie::getValue)
                .findFirst();
    }

    static void setCookie(HttpServletResponse response, String name, String value, Duration maxAge) {
        ResponseCookie.ResponseCookieBuilder cookie = ResponseCookie.from(name, value)
                .path("/")
                .secure(true)
                .httpOnly(true)
                .sameSite("Lax");
        if (!maxAge.isNegative()) {
            cookie.maxAge(maxAge);
        }
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.build().toString());
    }

    static void clearCookie(HttpServletResponse response, String name) {
        setCookie(response, name, "", Duration.ZERO);
    }

    /**
     * The client's address as the gateway saw it: the last {@code X-Forwarded-For} entry is the one the gateway added
     * (anything before it the client may have written itself); without the header, the connection's peer.
     */
    static String clientAddress(HttpServletRequest request) {
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            String[] hops = forwarded.split(",");
            String last = hops[hops.length - 1].strip();
            if (!last.isEmpty() && last.length() <= 64) {
                return last;
            }
        }
        return request.getRemoteAddr();
    }
}

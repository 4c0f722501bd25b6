package io.billstream.portal.page;

import io.billstream.events.portal.SignInMethod;
import io.billstream.platform.web.ProblemException;
import io.billstream.portal.directory.Directory;
import io.billstream.portal.session.PortalSession;
import io.billstream.portal.session.SessionSettings;
import io.billstream.portal.session.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Whose portal a page belongs to, the browser's session in it, and signing the browser in. */
@Component
class Portals {

    private final Directory directory;
    private final Sessions sessions;
    private final SessionSettings sessionSettings;

    Portals(Directory directory, Sessions sessions, SessionSettings sessionSettings) {
        this.directory = directory;
        this.sessions = sessions;
        this.sessionSettings = sessionSettings;
    }

    /** The merchant's look for the page; 404 for a merchant this service does not know. */
    MerchantView view(UUID merchantId) {
        return directory
                .merchant(merchantId)
                .map(settings -> MerchantView.of(merchantId, settings))
                .orElseThrow(NoSuchPortal::new);
    }

    /** The browser's live session in this merchant's portal. */
    Optional<PortalSession> session(HttpServletRequest request, UUID merchantId) {
        return Browser.cookie(request, Browser.SESSION)
                .flatMap(sessions::find)
                .filter(found -> found.merchantId().equals(merchantId));
    }

    /**
     * Starts the customer's session and hands its cookie to the browser; whatever session the browser held before
     * ends, so an id planted before sign-in opens nothing after it.
     */
    void signIn(
            HttpServletRequest request,
            HttpServletResponse response,
            UUID merchantId,
            UUID customerId,
            @Nullable UUID orderId,
            SignInMethod method) {
        Sessions.Started started = sessions.start(
                merchantId,
                customerId,
                orderId,
                method,
                Browser.cookie(request, Browser.SESSION).orElse(null));
        Browser.setCookie(response, Browser.SESSION, started.token(), sessionSettings.absoluteTimeout());
    }

    static final class NoSuchPortal extends ProblemException {
        NoSuchPortal() {
            super(HttpStatus.NOT_FOUND, "Not Found", "There is no portal here.");
        }
    }
}

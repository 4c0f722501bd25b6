package io.billstream.portal.page;

import io.billstream.platform.web.ProblemException;
import io.billstream.portal.directory.Directory;
import io.billstream.portal.session.PortalSession;
import io.billstream.portal.session.Sessions;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Whose portal a page belongs to, and the browser's session in it. */
@Component
class PortalMerchants {

    private final Directory directory;
    private final Sessions sessions;

    PortalMerchants(Directory directory, Sessions sessions) {
        this.directory = directory;
        this.sessions = sessions;
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

    static final class NoSuchPortal extends ProblemException {
        NoSuchPortal() {
            super(HttpStatus.NOT_FOUND, "Not Found", "There is no portal here.");
        }
    }
}

package io.billstream.portal.page;

import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A refusal on a page is a page, in the customer's language, that says what to do next: a person's browser shows
 * it, where the API's {@code application/problem+json} would be raw text. Only for the portal's pages; the API keeps
 * its problems.
 */
@ControllerAdvice(assignableTypes = {SignInPages.class, AccountPages.class, PaymentLinkPages.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageProblems {

    /** A form without this portal's CSRF token: expired, or made by another site. Nothing was done. */
    @ExceptionHandler(PortalPages.FormRefused.class)
    ModelAndView formRefused() {
        return new ModelAndView("portal/plain-notice", Map.of("notice", "form-expired"), HttpStatus.FORBIDDEN);
    }
}

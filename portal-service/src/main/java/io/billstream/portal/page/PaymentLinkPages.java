package io.billstream.portal.page;

import io.billstream.events.portal.SignInMethod;
import io.billstream.platform.web.ProblemException;
import io.billstream.portal.link.PaymentLinks;
import io.billstream.portal.link.PaymentLinks.Opened;
import io.billstream.portal.order.OrderCopies;
import io.billstream.portal.order.OrderCopies.OrderCopy;
import io.billstream.portal.session.PortalSession;
import io.billstream.portal.session.Sessions;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Opening a payment link: a session bound to the link's order starts, and the customer lands on the checkout while
 * the order awaits its first payment, on the order's page in the portal after. The checkout's card form and the order
 * portal's views are the portal pages' to come; these pages show the order they are for.
 */
@Controller
@Hidden // pages for people, not part of the REST API's document
class PaymentLinkPages {

    private final PaymentLinks links;
    private final OrderCopies orders;
    private final Sessions sessions;
    private final Portals portals;

    PaymentLinkPages(PaymentLinks links, OrderCopies orders, Sessions sessions, Portals portals) {
        this.links = links;
        this.orders = orders;
        this.sessions = sessions;
        this.portals = portals;
    }

    @GetMapping("/pay/{token}")
    String open(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<Opened> opened = links.open(token);
        if (opened.isEmpty()) {
            response.setStatus(HttpStatus.GONE.value());
            model.addAttribute("notice", "payment-link-invalid");
            return "portal/plain-notice";
        }
        Opened link = opened.get();
        portals.signIn(
                request, response, link.merchantId(), link.customerId(), link.orderId(), SignInMethod.PAYMENT_LINK);
        // An order not known here yet was made moments ago: it awaits its first payment.
        boolean checkout = orders.ofCustomer(link.merchantId(), link.customerId(), link.orderId())
                .map(OrderCopy::awaitsFirstPayment)
                .orElse(true);
        return checkout
                ? "redirect:/checkout/" + link.orderId()
                : "redirect:/portal/" + link.merchantId() + "/orders/" + link.orderId();
    }

    @GetMapping("/checkout/{orderId}")
    String checkout(@PathVariable UUID orderId, HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<PortalSession> session =
                Browser.cookie(request, Browser.SESSION).flatMap(sessions::find);
        if (session.isEmpty()) {
            // Whose checkout this is, only the link knows; without a session there is no merchant to send one to.
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            model.addAttribute("notice", "checkout-no-session");
            return "portal/plain-notice";
        }
        return orderPage(session.get(), orderId, model, "checkout.title");
    }

    @GetMapping("/portal/{merchantId}/orders/{orderId}")
    String order(@PathVariable UUID merchantId, @PathVariable UUID orderId, HttpServletRequest request, Model model) {
        Optional<PortalSession> session = portals.session(request, merchantId);
        if (session.isEmpty()) {
            return "redirect:/login/" + merchantId;
        }
        return orderPage(session.get(), orderId, model, "order.title");
    }

    /**
     * The order's page, at the checkout or in the portal (for now they show the same), for a session that may see it: the
     * customer's own, and the link's order only if from a link.
     */
    private String orderPage(PortalSession session, UUID orderId, Model model, String title) {
        if (session.orderId() != null && !session.orderId().equals(orderId)) {
            throw new NotYourOrder();
        }
        OrderCopy order = orders.ofCustomer(session.merchantId(), session.customerId(), orderId)
                .orElseThrow(NotYourOrder::new);
        model.addAttribute("merchant", portals.view(session.merchantId()));
        model.addAttribute("order", order);
        model.addAttribute("title", title);
        return "portal/order";
    }

    static final class NotYourOrder extends ProblemException {
        NotYourOrder() {
            super(HttpStatus.NOT_FOUND, "Not Found", "No such order.");
        }
    }
}

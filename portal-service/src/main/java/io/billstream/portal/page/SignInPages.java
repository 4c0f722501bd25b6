package io.billstream.portal.page;

import io.billstream.events.portal.SignInMethod;
import io.billstream.portal.account.Accounts;
import io.billstream.portal.session.PortalSession;
import io.billstream.portal.session.Sessions;
import io.billstream.portal.signin.SignInCodes;
import io.billstream.portal.signin.SignInCodes.Answer;
import io.billstream.portal.signin.SignInSettings;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Sign-in by an emailed code, the signed-in landing page and sign-out, per merchant ({@code /login/{merchantId}}: a
 * customer is a customer of one merchant). Every answer about an email is the same whether or not it is a customer's.
 */
@Controller
@Hidden // pages for people, not part of the REST API's document
class SignInPages {

    // Loose on purpose: the address is only looked up, and a customer's odd but real address must not be refused.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final int LONGEST_EMAIL = 254;

    private final Portals portals;
    private final Accounts accounts;
    private final SignInCodes codes;
    private final SignInSettings signIn;
    private final Sessions sessions;

    SignInPages(Portals portals, Accounts accounts, SignInCodes codes, SignInSettings signIn, Sessions sessions) {
        this.portals = portals;
        this.accounts = accounts;
        this.codes = codes;
        this.signIn = signIn;
        this.sessions = sessions;
    }

    @GetMapping("/login/{merchantId}")
    String signIn(
            @PathVariable UUID merchantId,
            @RequestParam(required = false) String signedOut,
            @RequestParam(required = false) String confirmed,
            @RequestParam(required = false) String passwordReset,
            Model model) {
        model.addAttribute("merchant", merchant(merchantId));
        model.addAttribute("signedOut", signedOut != null);
        model.addAttribute("confirmed", confirmed != null);
        model.addAttribute("passwordReset", passwordReset != null);
        return "portal/sign-in";
    }

    @PostMapping("/login/{merchantId}/code")
    String requestCode(
            @PathVariable UUID merchantId,
            @RequestParam(defaultValue = "") String email,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        model.addAttribute("merchant", merchant(merchantId));
        String address = email.strip();
        if (address.length() > LONGEST_EMAIL || !EMAIL.matcher(address).matches()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", "sign-in.email-invalid");
            model.addAttribute("email", address.length() > LONGEST_EMAIL ? "" : address);
            return "portal/sign-in";
        }
        model.addAttribute("email", address);
        return switch (codes.request(merchantId, address, Browser.clientAddress(request))) {
            case Answer.OnItsWay onItsWay -> codePage(model, onItsWay.newCodeIn());
            case Answer.Limited limited -> {
                long seconds = Math.max(1, limited.retryAfter().toSeconds());
                response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
                response.setHeader("Retry-After", Long.toString(seconds));
                model.addAttribute("retryInMinutes", Math.max(1, (seconds + 59) / 60));
                yield "portal/too-many";
            }
        };
    }

    @PostMapping("/login/{merchantId}/code/verify")
    String verifyCode(
            @PathVariable UUID merchantId,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String code,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        MerchantView merchant = merchant(merchantId);
        Optional<UUID> customer = email.length() > LONGEST_EMAIL || code.length() > 20
                ? Optional.empty()
                : codes.verify(merchantId, email, code);
        if (customer.isEmpty()) {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            model.addAttribute("merchant", merchant);
            model.addAttribute("email", email.strip());
            model.addAttribute("error", "code.invalid");
            return codePage(model, Duration.ZERO);
        }
        portals.signIn(request, response, merchantId, customer.get(), null, SignInMethod.ONE_TIME_CODE);
        return "redirect:/portal/" + merchantId;
    }

    @GetMapping("/portal/{merchantId}")
    String home(
            @PathVariable UUID merchantId,
            @RequestParam(required = false) String passwordChanged,
            HttpServletRequest request,
            Model model) {
        Optional<PortalSession> session = portals.session(request, merchantId);
        if (session.isEmpty()) {
            return "redirect:/login/" + merchantId;
        }
        if (session.get().orderId() != null) {
            // A payment link's session sees its order only.
            return "redirect:/portal/" + merchantId + "/orders/" + session.get().orderId();
        }
        model.addAttribute("merchant", merchant(merchantId));
        model.addAttribute("session", session.get());
        model.addAttribute("hasPassword", accounts.hasPassword(session.get().customerId()));
        model.addAttribute("passwordChanged", passwordChanged != null);
        return "portal/home";
    }

    @PostMapping("/logout")
    String signOut(@RequestParam UUID merchantId, HttpServletRequest request, HttpServletResponse response) {
        Browser.cookie(request, Browser.SESSION).ifPresent(sessions::signOut);
        Browser.clearCookie(response, Browser.SESSION);
        return "redirect:/login/" + merchantId + "?signedOut";
    }

    private String codePage(Model model, Duration newCodeIn) {
        model.addAttribute("newCodeIn", newCodeIn.toSeconds());
        model.addAttribute("validMinutes", signIn.codeValidity().toMinutes());
        return "portal/code";
    }

    private MerchantView merchant(UUID merchantId) {
        return portals.view(merchantId);
    }
}

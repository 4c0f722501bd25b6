package io.billstream.portal.page;

import io.billstream.events.portal.SignInMethod;
import io.billstream.portal.account.Accounts;
import io.billstream.portal.account.Passwords;
import io.billstream.portal.session.PortalSession;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The password way in: the invitation's page to choose a password, the email confirmation, sign-in with email and
 * password, changing the password, and the forgotten-password link. A link's token is read from the URL once and then
 * carried in the form, and pages send no referrer, so the token leaves the browser towards this portal only.
 */
@Controller
@Hidden // pages for people, not part of the REST API's document
class AccountPages {

    private final Portals portals;
    private final Accounts accounts;

    AccountPages(Portals portals, Accounts accounts) {
        this.portals = portals;
        this.accounts = accounts;
    }

    @GetMapping("/login/{merchantId}/invitation/{token}")
    String invitation(
            @PathVariable UUID merchantId, @PathVariable String token, HttpServletResponse response, Model model) {
        model.addAttribute("merchant", portals.view(merchantId));
        if (!accounts.invitationValid(merchantId, token)) {
            return linkInvalid(response, model);
        }
        return choosePassword(model, "invitation", token, null);
    }

    @PostMapping("/login/{merchantId}/invitation")
    String acceptInvitation(
            @PathVariable UUID merchantId,
            @RequestParam(defaultValue = "") String token,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String passwordAgain,
            HttpServletResponse response,
            Model model) {
        return choose(
                merchantId,
                "invitation",
                token,
                password,
                passwordAgain,
                response,
                model,
                () -> accounts.acceptInvitation(merchantId, token, password) ? notice(model, "confirm-sent") : null);
    }

    @GetMapping("/login/{merchantId}/confirm/{token}")
    String confirmation(@PathVariable UUID merchantId, @PathVariable String token, Model model) {
        // A button, not a GET that confirms: mail scanners open links, and that must not count as the customer's click.
        model.addAttribute("merchant", portals.view(merchantId));
        model.addAttribute("token", token);
        return "portal/confirm";
    }

    @PostMapping("/login/{merchantId}/confirm")
    String confirm(
            @PathVariable UUID merchantId,
            @RequestParam(defaultValue = "") String token,
            HttpServletResponse response,
            Model model) {
        model.addAttribute("merchant", portals.view(merchantId));
        if (!accounts.confirmEmail(merchantId, token)) {
            return linkInvalid(response, model);
        }
        return "redirect:/login/" + merchantId + "?confirmed";
    }

    @PostMapping("/login/{merchantId}/password")
    String signInWithPassword(
            @PathVariable UUID merchantId,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String password,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        MerchantView merchant = portals.view(merchantId);
        Optional<UUID> customer = email.length() > 254 || password.length() > 4 * Passwords.LONGEST
                ? Optional.empty()
                : accounts.signIn(merchantId, email, password);
        if (customer.isEmpty()) {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            model.addAttribute("merchant", merchant);
            model.addAttribute("email", email.strip());
            model.addAttribute("passwordError", "password.sign-in-failed");
            model.addAttribute("signedOut", false);
            return "portal/sign-in";
        }
        portals.signIn(request, response, merchantId, customer.get(), null, SignInMethod.PASSWORD);
        return "redirect:/portal/" + merchantId;
    }

    @GetMapping("/login/{merchantId}/forgot")
    String forgot(@PathVariable UUID merchantId, Model model) {
        model.addAttribute("merchant", portals.view(merchantId));
        return "portal/forgot";
    }

    @PostMapping("/login/{merchantId}/forgot")
    String requestReset(@PathVariable UUID merchantId, @RequestParam(defaultValue = "") String email, Model model) {
        model.addAttribute("merchant", portals.view(merchantId));
        if (email.length() <= 254 && !email.isBlank()) {
            accounts.requestReset(merchantId, email);
        }
        return notice(model, "reset-sent");
    }

    @GetMapping("/login/{merchantId}/reset/{token}")
    String reset(@PathVariable UUID merchantId, @PathVariable String token, HttpServletResponse response, Model model) {
        model.addAttribute("merchant", portals.view(merchantId));
        if (!accounts.resetValid(merchantId, token)) {
            return linkInvalid(response, model);
        }
        return choosePassword(model, "reset", token, null);
    }

    @PostMapping("/login/{merchantId}/reset")
    String doReset(
            @PathVariable UUID merchantId,
            @RequestParam(defaultValue = "") String token,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String passwordAgain,
            HttpServletResponse response,
            Model model) {
        return choose(
                merchantId,
                "reset",
                token,
                password,
                passwordAgain,
                response,
                model,
                () -> accounts.reset(merchantId, token, password)
                        ? "redirect:/login/" + merchantId + "?passwordReset"
                        : null);
    }

    @GetMapping("/portal/{merchantId}/password")
    String changePasswordPage(@PathVariable UUID merchantId, HttpServletRequest request, Model model) {
        if (portals.session(request, merchantId).isEmpty()) {
            return "redirect:/login/" + merchantId;
        }
        model.addAttribute("merchant", portals.view(merchantId));
        return "portal/change-password";
    }

    @PostMapping("/portal/{merchantId}/password")
    String changePassword(
            @PathVariable UUID merchantId,
            @RequestParam(defaultValue = "") String current,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String passwordAgain,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Optional<PortalSession> session = portals.session(request, merchantId);
        if (session.isEmpty()) {
            return "redirect:/login/" + merchantId;
        }
        model.addAttribute("merchant", portals.view(merchantId));
        String refusal = Passwords.refusal(password, passwordAgain);
        if (refusal == null
                && !accounts.changePassword(
                        session.get().customerId(), session.get().id(), current, password)) {
            refusal = "password.current-wrong";
        }
        if (refusal != null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", refusal);
            return "portal/change-password";
        }
        return "redirect:/portal/" + merchantId + "?passwordChanged";
    }

    /**
     * A password chosen through an emailed link: refused with the reason when it breaks a rule, then {@code take}n,
     * which gives the next view, or null when the link no longer works.
     */
    private String choose(
            UUID merchantId,
            String step,
            String token,
            String password,
            String passwordAgain,
            HttpServletResponse response,
            Model model,
            Supplier<String> take) {
        model.addAttribute("merchant", portals.view(merchantId));
        String refusal = Passwords.refusal(password, passwordAgain);
        if (refusal != null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return choosePassword(model, step, token, refusal);
        }
        String next = take.get();
        return next != null ? next : linkInvalid(response, model);
    }

    private static String choosePassword(Model model, String step, String token, String error) {
        model.addAttribute("step", step);
        model.addAttribute("token", token);
        model.addAttribute("error", error);
        return "portal/choose-password";
    }

    private static String linkInvalid(HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.GONE.value());
        return notice(model, "link-invalid");
    }

    private static String notice(Model model, String notice) {
        model.addAttribute("notice", notice);
        return "portal/notice";
    }
}

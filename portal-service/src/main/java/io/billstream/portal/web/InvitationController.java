package io.billstream.portal.web;

import io.billstream.platform.security.Caller;
import io.billstream.platform.web.ProblemException;
import io.billstream.portal.account.Accounts;
import io.billstream.portal.account.Accounts.Invitation;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A merchant invites a customer to the portal: the customer is emailed a link to choose a password. */
@RestController
class InvitationController {

    private final Accounts accounts;

    InvitationController(Accounts accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/api/v1/customers/{customerId}/portal-invitations")
    @Operation(
            summary = "Invite a customer to the portal",
            description = "Emails the customer a single-use link, valid 72 hours, to choose a password; an earlier"
                    + " unused invitation stops working. The link is sent to the customer only and is not in this"
                    + " answer. Another merchant's customer, or one this service has not heard of yet, answers 404.")
    ResponseEntity<Invitation> invite(@PathVariable UUID customerId, Caller caller) {
        UUID merchantId = caller.requireMerchant();
        Invitation invitation = accounts.invite(merchantId, customerId).orElseThrow(CustomerNotFound::new);
        return ResponseEntity.created(
                        URI.create("/api/v1/customers/" + customerId + "/portal-invitations/" + invitation.id()))
                .body(invitation);
    }

    static final class CustomerNotFound extends ProblemException {
        CustomerNotFound() {
            super(HttpStatus.NOT_FOUND, "Not Found", "No such customer.");
        }
    }
}

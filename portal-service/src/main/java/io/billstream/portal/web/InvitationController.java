package io.billstream.portal.web;

import io.billstream.events.Topics;
import io.billstream.platform.copy.Copies;
import io.billstream.platform.security.Caller;
import io.billstream.platform.web.ProblemException;
import io.billstream.portal.account.Accounts;
import io.billstream.portal.account.Accounts.Invitation;
import io.billstream.portal.directory.Directory;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A merchant invites a customer to the portal: the customer is emailed a link to choose a password. */
@RestController
class InvitationController {

    private final Accounts accounts;
    private final Directory directory;
    private final Copies copies;

    InvitationController(Accounts accounts, Directory directory, Copies copies) {
        this.accounts = accounts;
        this.directory = directory;
        this.copies = copies;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/api/v1/customers/{customerId}/portal-invitations")
    @Operation(
            operationId = "inviteCustomer",
            summary = "Invite a customer to the portal",
            description = "Emails the customer a single-use link, valid 72 hours, to choose a password; an earlier"
                    + " unused invitation stops working. The link is sent to the customer only and is not in this"
                    + " answer. Another merchant's customer, or none, answers 404; one order-service answered for a"
                    + " moment ago, or whose email just changed, is invited as order-service knows it now.")
    ResponseEntity<Invitation> invite(@PathVariable UUID customerId, Caller caller) {
        UUID merchantId = caller.requireMerchant();
        // The directory's copy of the customer first catches up with order-service (ADR 13).
        if (!copies.awaitCurrent(
                Topics.CUSTOMERS, merchantId, customerId, () -> directory.customerSequence(customerId))) {
            throw new CustomerNotFound();
        }
        Invitation invitation = accounts.invite(merchantId, customerId).orElseThrow(CustomerNotFound::new);
        return ResponseEntity.created(
                        URI.create("/api/v1/customers/" + customerId + "/portal-invitations/" + invitation.id()))
                .body(invitation);
    }

    static final class CustomerNotFound extends ProblemException {
        CustomerNotFound() {
            super(HttpStatus.NOT_FOUND, "Customer not found", "There is no such customer of the merchant.");
        }
    }
}

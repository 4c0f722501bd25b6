package io.billstream.billing.billingevent.web;

import io.billstream.billing.billingevent.BillingEvent;
import io.billstream.billing.billingevent.BillingEventActions;
import io.billstream.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/billing-events/{id}")
class BillingEventActionController {

    private final BillingEventActions actions;

    BillingEventActionController(BillingEventActions actions) {
        this.actions = actions;
    }

    @PostMapping("/skip")
    @Operation(
            operationId = "skipBillingEvent",
            summary = "Skip a SCHEDULED or declined billing event",
            description = "Its amount leaves the order's total; a subscription schedules its next cycle. Publishes"
                    + " BillingEventSkipped. Refused with 409 and the current status from any other status.")
    BillingEvent skip(@PathVariable UUID id, Caller caller) {
        return actions.skip(caller.requireMerchant(), id);
    }

    @PostMapping("/retry")
    @Operation(
            operationId = "retryBillingEvent",
            summary = "Charge a SOFT_DECLINED billing event again on the same card",
            description = "At most 15 retries within 30 days of the soft decline; the order must be ACTIVE or FAILED."
                    + " Publishes PaymentApproved (and PaymentRecovered) or PaymentDeclined. Accepts Idempotency-Key.")
    BillingEvent retry(@PathVariable UUID id, Caller caller) {
        return actions.retry(caller.requireMerchant(), id);
    }

    @PostMapping("/execute-now")
    @Operation(
            operationId = "executeBillingEventNow",
            summary = "Collect a SCHEDULED billing event now",
            description = "The rest of the schedule is unchanged; the order must be ACTIVE or FAILED. Publishes"
                    + " PaymentApproved or PaymentDeclined. Accepts Idempotency-Key.")
    BillingEvent executeNow(@PathVariable UUID id, Caller caller) {
        return actions.executeNow(caller.requireMerchant(), id);
    }

    /** A new amount in minor units, a new date, or both. */
    record Reschedule(
            @Schema(example = "12999", description = "minor units; 0 is refused, skip instead")
            Long amount,

            Instant scheduledAt) {}

    @PostMapping("/reschedule")
    @Operation(
            operationId = "rescheduleBillingEvent",
            summary = "Give a SCHEDULED or declined billing event a new date, amount or both",
            description = "It becomes SCHEDULED. Publishes BillingEventRescheduled. Refused with 409 and the current"
                    + " status from any other status.")
    BillingEvent reschedule(@PathVariable UUID id, @Valid @RequestBody Reschedule request, Caller caller) {
        return actions.reschedule(caller.requireMerchant(), id, request.amount(), request.scheduledAt());
    }
}

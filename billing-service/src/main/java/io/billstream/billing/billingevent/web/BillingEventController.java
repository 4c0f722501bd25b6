package io.billstream.billing.billingevent.web;

import io.billstream.billing.billingevent.BillingEvent;
import io.billstream.billing.billingevent.BillingEventActions;
import io.billstream.billing.billingevent.BillingEvents;
import io.billstream.billing.billingevent.MergeDate;
import io.billstream.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/orders/{id}/billing-events")
class BillingEventController {

    private final BillingEvents billingEvents;
    private final BillingEventActions actions;

    BillingEventController(BillingEvents billingEvents, BillingEventActions actions) {
        this.billingEvents = billingEvents;
        this.actions = actions;
    }

    @GetMapping
    @Operation(
            operationId = "listBillingEvents",
            summary = "The order's billing events in the order they are collected",
            description = "Ids, dates, amounts, statuses, attempts and merge links, like the Scheduled Payments view.")
    List<BillingEvent> list(@PathVariable UUID id, Caller caller) {
        return billingEvents.of(caller.requireMerchant(), id);
    }

    /** A billing event of a METERED order; the amount in minor units of the order's currency. */
    record NewBillingEvent(
            @Schema(example = "8400", description = "all the order's usage not billed yet when absent")
            Long amount,

            @Schema(description = "when to collect it; at once when absent")
            Instant scheduledAt) {}

    /** Which events to merge, the new amount (their sum when absent) and when to collect the new event. */
    record Merge(
            List<UUID> billingEventIds,

            @Schema(example = "19998", description = "minor units; the sum of the merged events when absent")
            Long amount,

            @Schema(description = "FIRST_EVENT when absent") MergeDate date,

            @Schema(description = "only with the date LATER")
            Instant scheduledAt) {}

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/merge")
    @Operation(
            operationId = "mergeBillingEvents",
            summary = "Merge two or more SCHEDULED or declined billing events of the order into one",
            description = "Each becomes MERGED; one new SCHEDULED event replaces them. Publishes BillingEventMerged."
                    + " Accepts Idempotency-Key. Refused with 409 and the current status if any is in another status.")
    ResponseEntity<BillingEvent> merge(@PathVariable UUID id, @RequestBody Merge request, Caller caller) {
        BillingEvent event = actions.merge(
                caller.requireMerchant(),
                id,
                request.billingEventIds(),
                request.amount(),
                request.date(),
                request.scheduledAt());
        return ResponseEntity.status(HttpStatus.CREATED).body(event);
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping
    @Operation(
            operationId = "createBillingEvent",
            summary = "Schedule a billing event of a METERED order",
            description = "An amount, or without one the order's usage not billed yet (listed in the event's"
                    + " usageRecordIds; 400 when there is none). Publishes BillingEventScheduled. Accepts"
                    + " Idempotency-Key. Refused with 409 for other purchase types, whose schedule follows from their"
                    + " plan, and for final orders.")
    ResponseEntity<BillingEvent> create(
            @PathVariable UUID id, @Valid @RequestBody NewBillingEvent request, Caller caller) {
        BillingEvent event =
                billingEvents.create(caller.requireMerchant(), id, request.amount(), request.scheduledAt());
        return ResponseEntity.status(HttpStatus.CREATED).body(event);
    }
}

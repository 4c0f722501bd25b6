package io.billstream.billing.billingevent.web;

import io.billstream.billing.billingevent.FirstPayments;
import io.billstream.billing.billingevent.FirstPayments.FirstStep;
import io.billstream.billing.payment.Transaction;
import io.billstream.events.order.PaymentChannel;
import io.billstream.platform.security.Caller;
import io.billstream.platform.web.InvalidRequest;
import io.billstream.platform.web.InvalidRequest.FieldError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class FirstPaymentController {

    private final FirstPayments firstPayments;

    FirstPaymentController(FirstPayments firstPayments) {
        this.firstPayments = firstPayments;
    }

    /** The card of a first step: a new one (a token from the hosted card fields) or one the customer has. */
    record FirstStepCard(
            @Size(max = 40) @Schema(example = "tok_3f9a1c2b7e4d5a6b8c9d0e1f")
            String token,

            UUID cardId) {}

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/api/v1/orders/{id}/payments")
    @Operation(
            operationId = "payOrder",
            summary = "Make the order's first step: its payment, pre-authorisation or card registration",
            description = "What is done is the order's first action. The merchant's call is the virtual terminal;"
                    + " a customer's (the checkout of its payment link) is the payment link channel. Refused with 409"
                    + " once the order is past its first step or while one is in flight. The answer is the"
                    + " transaction: APPROVED, SOFT_DECLINED or HARD_DECLINED with its ISO 8583 code, or UNKNOWN"
                    + " when the processor's answer was lost. Accepts Idempotency-Key.")
    ResponseEntity<Transaction> pay(@PathVariable UUID id, @Valid @RequestBody FirstStepCard request, Caller caller) {
        if ((request.token() == null) == (request.cardId() == null)) {
            throw new InvalidRequest(List.of(new FieldError("token", "give either a token or a cardId")));
        }
        FirstStep step = caller.kind() == Caller.Kind.CUSTOMER
                ? new FirstStep(
                        caller.merchantId(),
                        caller.customerId(),
                        PaymentChannel.PAYMENT_LINK,
                        request.token(),
                        request.cardId())
                : new FirstStep(
                        caller.requireMerchant(),
                        null,
                        PaymentChannel.VIRTUAL_TERMINAL,
                        request.token(),
                        request.cardId());
        return ResponseEntity.status(HttpStatus.CREATED).body(firstPayments.make(id, step));
    }

    /** How much of an authorisation to capture. */
    record CaptureRequest(
            @Min(1) @Schema(example = "4999", description = "minor units; all that was authorised when absent")
            Long amount) {}

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/api/v1/payments/{id}/capture")
    @Operation(
            operationId = "capturePayment",
            summary = "Capture an approved pre-authorisation, in full or in part, once",
            description = "Published as PaymentApproved of type CAPTURE. Accepts Idempotency-Key.")
    ResponseEntity<Transaction> capture(
            @PathVariable UUID id, @Valid @RequestBody(required = false) CaptureRequest request, Caller caller) {
        Long amount = request == null ? null : request.amount();
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(firstPayments.capture(caller.requireMerchant(), id, amount));
    }

    @PostMapping("/api/v1/payments/{id}/void")
    @Operation(
            operationId = "voidPayment",
            summary = "Void an approved pre-authorisation nothing was captured of; the reservation is released")
    Transaction release(@PathVariable UUID id, Caller caller) {
        return firstPayments.release(caller.requireMerchant(), id);
    }
}

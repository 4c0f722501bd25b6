package io.billstream.billing.payment.web;

import io.billstream.billing.billingevent.CurrentOrders;
import io.billstream.billing.billingevent.OrderNotFound;
import io.billstream.billing.card.Cards;
import io.billstream.billing.payment.PaymentSearch;
import io.billstream.billing.payment.PaymentTransactions;
import io.billstream.billing.payment.Refunds;
import io.billstream.billing.payment.Transaction;
import io.billstream.billing.payment.TransactionKind;
import io.billstream.billing.payment.TransactionNotFound;
import io.billstream.billing.payment.TransactionStatus;
import io.billstream.platform.security.Caller;
import io.billstream.platform.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
class PaymentController {

    private final PaymentTransactions transactions;
    private final Refunds refunds;
    private final CurrentOrders orders;
    private final Cards cards;

    PaymentController(PaymentTransactions transactions, Refunds refunds, CurrentOrders orders, Cards cards) {
        this.transactions = transactions;
        this.refunds = refunds;
        this.orders = orders;
        this.cards = cards;
    }

    @GetMapping("/api/v1/payments")
    @Operation(
            operationId = "listPayments",
            summary = "Every transaction processed for the merchant, newest first",
            description = "Payments, pre-authorisations, captures, card registrations and refunds, approved or not;"
                    + " filtered by status, type, order, customer and creation time (from inclusive, to exclusive).")
    Page<Transaction> list(
            @RequestParam(required = false) TransactionStatus status,
            @RequestParam(required = false) TransactionKind type,
            @RequestParam(required = false) UUID orderId,
            @RequestParam(required = false) UUID customerId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            Caller caller) {
        UUID merchantId = caller.requireMerchant();
        // A filter naming another merchant's order or customer, or none, is refused as unknown rather than matching
        // nothing; one order-service answered for a moment ago is known (ADR 13).
        if (orderId != null && !orders.exists(merchantId, orderId)) {
            throw new OrderNotFound(orderId);
        }
        if (customerId != null) {
            cards.requireKnown(merchantId, customerId);
        }
        PaymentSearch search = new PaymentSearch(status, type, orderId, customerId, from, to);
        return new Page<>(
                transactions.search(merchantId, search, page, size),
                page,
                size,
                transactions.count(merchantId, search));
    }

    @GetMapping("/api/v1/payments/{id}")
    @Operation(operationId = "getPayment", summary = "One transaction, with what was refunded of it")
    Transaction get(@PathVariable UUID id, Caller caller) {
        return transactions.find(caller.requireMerchant(), id).orElseThrow(() -> new TransactionNotFound(id));
    }

    @GetMapping("/api/v1/orders/{id}/transactions")
    @Operation(
            operationId = "listOrderTransactions",
            summary = "An order's transactions, oldest first",
            description = "Payments, pre-authorisations, captures, card registrations and refunds, with their"
                    + " statuses and codes.")
    List<Transaction> ofOrder(@PathVariable UUID id, Caller caller) {
        if (!orders.exists(caller.requireMerchant(), id)) {
            throw new OrderNotFound(id);
        }
        return transactions.ofOrder(id);
    }

    /** A refund of an approved payment or capture. */
    record RefundRequest(
            @Min(1) @Schema(example = "2500", description = "minor units; all that is left when absent")
            Long amount,

            @Size(max = 500) @Schema(example = "Milk frother returned")
            String reason) {}

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/api/v1/payments/{id}/refunds")
    @Operation(
            operationId = "refundPayment",
            summary = "Refund an approved payment or capture, in full or in part",
            description = "Never more than is left to refund (409 with `refundable`); published as RefundIssued."
                    + " Accepts Idempotency-Key.")
    ResponseEntity<Transaction> refund(
            @PathVariable UUID id,
            @Valid @RequestBody(required = false) RefundRequest request,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            Caller caller) {
        RefundRequest asked = request == null ? new RefundRequest(null, null) : request;
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(refunds.refund(caller.requireMerchant(), id, asked.amount(), asked.reason(), idempotencyKey));
    }
}

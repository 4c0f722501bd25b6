package io.billstream.document.web;

import io.billstream.document.copy.OrderCopies;
import io.billstream.document.issuing.Document;
import io.billstream.document.issuing.DocumentNotFound;
import io.billstream.document.issuing.Documents;
import io.billstream.document.issuing.OrderSummaries;
import io.billstream.events.Topics;
import io.billstream.platform.copy.Copies;
import io.billstream.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Documents for the merchant, and for a customer its own only: another merchant's or another customer's document,
 * order or customer answers 404, as one that does not exist; a list of an order or a customer order-service has
 * answered for is a list, empty until a document is issued.
 */
@RestController
class DocumentController {

    private final Documents documents;
    private final OrderSummaries summaries;
    private final OrderCopies orders;
    private final Copies copies;

    DocumentController(Documents documents, OrderSummaries summaries, OrderCopies orders, Copies copies) {
        this.documents = documents;
        this.summaries = summaries;
        this.orders = orders;
        this.copies = copies;
    }

    @GetMapping("/api/v1/orders/{orderId}/documents")
    @Operation(
            operationId = "listOrderDocuments",
            summary = "The order's invoices, receipts and credit notes, oldest first")
    List<Document> ofOrder(@PathVariable UUID orderId, Caller caller) {
        UUID customerId = customerOf(caller);
        if (customerId == null) {
            // order-service says whether the merchant has the order, also one it answered for a moment ago (ADR 13).
            if (!copies.exists(Topics.ORDERS, merchantOf(caller), orderId)) {
                throw new DocumentNotFound("order", orderId);
            }
        } else {
            orders.find(merchantOf(caller), orderId)
                    .filter(order -> order.customerId().equals(customerId))
                    .orElseThrow(() -> new DocumentNotFound("order", orderId));
        }
        return documents.ofOrder(merchantOf(caller), orderId);
    }

    @GetMapping("/api/v1/customers/{customerId}/documents")
    @Operation(operationId = "listCustomerDocuments", summary = "The customer's documents, newest first")
    List<Document> ofCustomer(@PathVariable UUID customerId, Caller caller) {
        UUID self = customerOf(caller);
        if (self != null && !self.equals(customerId)) {
            throw new DocumentNotFound("customer", customerId);
        }
        if (self == null && !copies.exists(Topics.CUSTOMERS, merchantOf(caller), customerId)) {
            throw new DocumentNotFound("customer", customerId);
        }
        return documents.ofCustomer(merchantOf(caller), customerId);
    }

    @GetMapping("/api/v1/documents/{id}")
    @Operation(
            operationId = "getDocument",
            summary = "A document's metadata: kind, number, amount, date, what it documents and refers to")
    Document get(@PathVariable UUID id, Caller caller) {
        return documents
                .find(merchantOf(caller), customerOf(caller), id)
                .orElseThrow(() -> new DocumentNotFound("document", id));
    }

    @GetMapping(value = "/api/v1/documents/{id}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(operationId = "getDocumentPdf", summary = "The document as issued, a PDF named after its number")
    @ApiResponse(
            responseCode = "200",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")))
    ResponseEntity<byte[]> pdf(@PathVariable UUID id, Caller caller) {
        Document document = get(id, caller);
        byte[] pdf = documents.pdf(merchantOf(caller), customerOf(caller), id).orElseThrow();
        return attachment(document.number(), pdf);
    }

    @GetMapping(value = "/api/v1/orders/{orderId}/documents/summary.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(
            operationId = "getOrderSummaryPdf",
            summary = "The order summary as a PDF: details, schedule, payments, refunds and figures",
            description = "Drawn when asked for from what is known of the order now; not a numbered document.")
    @ApiResponse(
            responseCode = "200",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")))
    ResponseEntity<byte[]> summary(@PathVariable UUID orderId, Caller caller) {
        return attachment("order-" + orderId, summaries.pdf(merchantOf(caller), customerOf(caller), orderId));
    }

    private static ResponseEntity<byte[]> attachment(String name, byte[] pdf) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(name + ".pdf")
                                .build()
                                .toString())
                .body(pdf);
    }

    /** The merchant of a merchant or customer caller; a service has none here. */
    private static UUID merchantOf(Caller caller) {
        if (caller.kind() == Caller.Kind.CUSTOMER) {
            return caller.merchantId();
        }
        return caller.requireMerchant();
    }

    /** The customer a customer caller is; null for a merchant, who sees all its customers' documents. */
    private static UUID customerOf(Caller caller) {
        return caller.kind() == Caller.Kind.CUSTOMER ? caller.customerId() : null;
    }
}

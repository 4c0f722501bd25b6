package io.billstream.document.issuing;

import io.billstream.document.copy.CustomerCopies;
import io.billstream.document.copy.MerchantCopies;
import io.billstream.document.copy.MerchantCopies.Merchant;
import io.billstream.document.copy.OrderCopies;
import io.billstream.document.copy.OrderCopies.Order;
import io.billstream.document.pdf.DocumentContent;
import io.billstream.document.pdf.DocumentContent.Line;
import io.billstream.document.pdf.DocumentContent.Tax;
import io.billstream.document.pdf.DocumentKind;
import io.billstream.document.pdf.DocumentPdf;
import io.billstream.document.pdf.Labels;
import io.billstream.events.Money;
import io.billstream.events.billing.CreditIssued;
import io.billstream.events.billing.PaymentApproved;
import io.billstream.events.billing.PaymentCard;
import io.billstream.events.billing.RefundIssued;
import io.billstream.events.customer.CustomerDetails;
import io.billstream.events.document.CreditNoteIssued;
import io.billstream.events.document.InvoiceIssued;
import io.billstream.events.document.ReceiptIssued;
import io.billstream.events.merchant.MerchantSettings;
import io.billstream.events.order.OrderCreated;
import io.billstream.platform.inbox.NotKnownYet;
import io.billstream.platform.outbox.EventPublisher;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues the documents billing-service's outcomes call for: an invoice and a receipt for each approved payment or
 * capture, a credit note for each refund or credit. Each is numbered in the merchant's series, drawn and stored in the
 * transaction that applies the event, and published; an event applied again issues nothing new.
 */
@Service
public class Issuing {

    private final Documents documents;
    private final MerchantCopies merchants;
    private final CustomerCopies customers;
    private final OrderCopies orders;
    private final DocumentPdf pdf;
    private final EventPublisher events;
    private final Clock clock;

    Issuing(
            Documents documents,
            MerchantCopies merchants,
            CustomerCopies customers,
            OrderCopies orders,
            DocumentPdf pdf,
            EventPublisher events,
            Clock clock) {
        this.documents = documents;
        this.merchants = merchants;
        this.customers = customers;
        this.orders = orders;
        this.pdf = pdf;
        this.events = events;
        this.clock = clock;
    }

    /** The parties of a document: who issues it, to whom, for which order, in which language. */
    private record Parties(Merchant merchant, Order order, CustomerDetails customer, Labels labels) {

        MerchantSettings settings() {
            return merchant.settings();
        }
    }

    /** An invoice and a receipt for an approved payment or capture; nothing for what collects no money. */
    @Transactional
    public void paymentApproved(UUID merchantId, PaymentApproved payment) {
        if (!payment.transactionType().collectsMoney()
                || payment.amount().amount() == 0
                || documents
                        .bySource(DocumentKind.INVOICE, payment.transactionId())
                        .isPresent()) {
            return;
        }
        Parties parties = parties(merchantId, payment.orderId());
        Tax tax = parties.settings().tax() == null
                ? null
                : Tax.containedIn(
                        payment.amount(),
                        parties.settings().tax().name(),
                        parties.settings().tax().basisPoints());
        Document invoice = issue(
                DocumentKind.INVOICE,
                parties,
                payment.transactionId(),
                null,
                lines(parties, payment),
                payment.amount(),
                tax,
                payment.card(),
                null);
        Document receipt = issue(
                DocumentKind.RECEIPT,
                parties,
                payment.transactionId(),
                invoice,
                List.of(line(parties.labels().text("line.paymentReceived"), payment.amount())),
                payment.amount(),
                null,
                payment.card(),
                null);
        events.publish(
                merchantId,
                new InvoiceIssued(
                        payment.orderId(),
                        invoice.id(),
                        invoice.customerId(),
                        invoice.number(),
                        invoice.amount(),
                        payment.transactionId(),
                        invoice.issuedAt()));
        events.publish(
                merchantId,
                new ReceiptIssued(
                        payment.orderId(),
                        receipt.id(),
                        receipt.customerId(),
                        receipt.number(),
                        invoice.id(),
                        receipt.amount(),
                        payment.transactionId(),
                        receipt.issuedAt()));
    }

    /** A credit note for a refund, referring to the refunded payment's invoice. */
    @Transactional
    public void refundIssued(UUID merchantId, RefundIssued refund) {
        if (documents.bySource(DocumentKind.CREDIT_NOTE, refund.refundId()).isPresent()) {
            return;
        }
        Document invoice = documents
                .bySource(DocumentKind.INVOICE, refund.transactionId())
                .orElseThrow(() -> new NotKnownYet("the invoice of payment " + refund.transactionId()));
        creditNote(merchantId, refund.orderId(), refund.refundId(), invoice, refund.amount(), refund.reason(), refund);
    }

    /** A credit note for a credit, referring to the order's latest invoice, if it has one. */
    @Transactional
    public void creditIssued(UUID merchantId, CreditIssued credit) {
        if (documents.bySource(DocumentKind.CREDIT_NOTE, credit.creditId()).isPresent()) {
            return;
        }
        Document invoice = documents.latestInvoice(credit.orderId()).orElse(null);
        creditNote(merchantId, credit.orderId(), credit.creditId(), invoice, credit.amount(), credit.reason(), credit);
    }

    private void creditNote(
            UUID merchantId, UUID orderId, UUID sourceId, Document invoice, Money amount, String reason, Object cause) {
        Parties parties = parties(merchantId, orderId);
        String description = cause instanceof RefundIssued && invoice != null
                ? parties.labels().text("line.refund", invoice.number())
                : parties.labels().text("line.credit");
        Document note = issue(
                DocumentKind.CREDIT_NOTE,
                parties,
                sourceId,
                invoice,
                List.of(line(description, amount)),
                amount,
                null,
                null,
                reason);
        boolean refund = cause instanceof RefundIssued;
        events.publish(
                merchantId,
                new CreditNoteIssued(
                        orderId,
                        note.id(),
                        note.customerId(),
                        note.number(),
                        invoice == null ? null : invoice.id(),
                        amount,
                        refund ? sourceId : null,
                        refund ? null : sourceId,
                        reason,
                        note.issuedAt()));
    }

    private Parties parties(UUID merchantId, UUID orderId) {
        Merchant merchant = merchants.of(merchantId);
        Order order = orders.of(merchantId, orderId);
        CustomerDetails customer = customers.of(order.customerId());
        String language = customer.locale() != null
                ? customer.locale()
                : merchant.settings().defaultLocale();
        return new Parties(
                merchant,
                order,
                customer,
                Labels.of(language, ZoneId.of(merchant.settings().timeZone())));
    }

    /** Takes the next number, draws the PDF with it and stores both: one transaction, so a failure leaves no gap. */
    private Document issue(
            DocumentKind kind,
            Parties parties,
            UUID sourceId,
            Document refersTo,
            List<Line> lines,
            Money total,
            Tax tax,
            PaymentCard card,
            String reason) {
        MerchantSettings settings = parties.settings();
        Instant now = clock.instant();
        long sequence = documents.nextNumber(parties.merchant().id(), kind);
        int year = now.atZone(ZoneId.of(settings.timeZone())).getYear();
        OrderCreated order = parties.order().created();
        DocumentContent content = new DocumentContent(
                kind,
                kind.number(settings.invoicePrefix(), year, sequence),
                now,
                parties.labels().language(),
                settings.timeZone(),
                settings.company(),
                settings.branding().accentColour(),
                parties.customer().name(),
                parties.customer().billingAddress(),
                parties.customer().email(),
                order.reference(),
                lines,
                total,
                tax,
                card,
                refersTo == null ? null : refersTo.number(),
                reason,
                kind == DocumentKind.CREDIT_NOTE ? null : sourceId);
        UUID id = UUID.randomUUID();
        documents.insert(new Documents.NewDocument(
                id,
                parties.merchant().id(),
                order.orderId(),
                order.customerId(),
                sequence,
                sourceId,
                refersTo == null ? null : refersTo.id(),
                content,
                pdf.render(content, parties.merchant().logo())));
        return documents.bySource(kind, sourceId).orElseThrow();
    }

    /**
     * What an invoice bills: the order's lines when the payment collects its whole total, otherwise one line for the
     * instalment, subscription period, usage or payment collected, named after the order's first product.
     */
    private List<Line> lines(Parties parties, PaymentApproved payment) {
        OrderCreated order = parties.order().created();
        if (payment.amount().equals(order.total()) && !order.lines().isEmpty()) {
            return order.lines().stream()
                    .map(line -> new Line(line.description(), line.quantity(), line.unitPrice(), line.amount()))
                    .toList();
        }
        Labels labels = parties.labels();
        Integer number = payment.billingEventId() == null
                ? null
                : orders.numberOf(payment.billingEventId()).orElse(null);
        String what = switch (order.purchaseType()) {
            case INSTALMENT ->
                number == null
                        ? labels.text("line.payment")
                        : labels.text("line.instalment", number, order.plan().instalmentCount());
            case SUBSCRIPTION -> number == null ? labels.text("line.payment") : labels.text("line.cycle", number);
            case METERED -> labels.text("line.usage");
            case SINGLE -> labels.text("line.payment");
        };
        String product =
                order.lines().isEmpty() ? "" : " · " + order.lines().getFirst().description();
        return List.of(line(what + product, payment.amount()));
    }

    private static Line line(String description, Money amount) {
        return new Line(description, 1, amount, amount);
    }
}

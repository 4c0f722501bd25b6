package io.billstream.document.issuing;

import io.billstream.document.copy.CustomerCopies;
import io.billstream.document.copy.MerchantCopies;
import io.billstream.document.copy.MerchantCopies.Merchant;
import io.billstream.document.copy.OrderCopies;
import io.billstream.document.copy.OrderCopies.Order;
import io.billstream.document.copy.OrderCopies.PaymentRecord;
import io.billstream.document.pdf.DocumentContent.Line;
import io.billstream.document.pdf.DocumentPdf;
import io.billstream.document.pdf.OrderSummary;
import io.billstream.events.Money;
import io.billstream.events.customer.CustomerDetails;
import io.billstream.events.order.OrderCreated;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** An order's summary PDF, drawn when asked for from what document-service knows of the order now. */
@Service
public class OrderSummaries {

    private final MerchantCopies merchants;
    private final CustomerCopies customers;
    private final OrderCopies orders;
    private final DocumentPdf pdf;

    OrderSummaries(MerchantCopies merchants, CustomerCopies customers, OrderCopies orders, DocumentPdf pdf) {
        this.merchants = merchants;
        this.customers = customers;
        this.orders = orders;
        this.pdf = pdf;
    }

    /** The merchant's order, the customer's own when {@code customerId} is given; 404 otherwise. */
    public byte[] pdf(UUID merchantId, UUID customerId, UUID orderId) {
        Order order = orders.find(merchantId, orderId)
                .filter(found -> customerId == null || found.customerId().equals(customerId))
                .orElseThrow(() -> new DocumentNotFound("order", orderId));
        Merchant merchant = merchants.of(merchantId);
        CustomerDetails customer = customers.of(order.customerId());
        OrderCreated created = order.created();
        List<PaymentRecord> payments = orders.payments(orderId);
        Money zero = Money.zero(created.total().currency());
        Money paid = sum(payments, "APPROVED", zero);
        Money refunded = sum(payments, "REFUNDED", zero);
        // What is yet to be collected of the order's total; refunds are shown on their own, not owed again.
        long owed = created.total().amount() - paid.amount();
        Money outstanding = new Money(Math.max(0, owed), zero.currency());
        OrderSummary summary = new OrderSummary(
                customer.locale() == null ? merchant.settings().defaultLocale() : customer.locale(),
                merchant.settings().timeZone(),
                merchant.settings().company(),
                merchant.settings().branding().accentColour(),
                customer.name(),
                customer.billingAddress(),
                customer.email(),
                created.reference() == null ? orderId.toString() : created.reference(),
                created.purchaseType().name(),
                created.createdAt(),
                created.lines().stream()
                        .map(line -> new Line(line.description(), line.quantity(), line.unitPrice(), line.amount()))
                        .toList(),
                orders.schedule(orderId).stream()
                        .map(event -> new OrderSummary.Scheduled(
                                event.number(), event.scheduledAt(), event.amount(), event.status()))
                        .toList(),
                payments.stream()
                        .map(payment -> new OrderSummary.Payment(payment.at(), payment.amount(), payment.outcome()))
                        .toList(),
                created.total(),
                paid,
                refunded,
                outstanding);
        return pdf.render(summary, merchant.logo());
    }

    private static Money sum(List<PaymentRecord> payments, String outcome, Money zero) {
        return payments.stream()
                .filter(payment -> payment.outcome().equals(outcome))
                .map(PaymentRecord::amount)
                .reduce(zero, Money::plus);
    }
}

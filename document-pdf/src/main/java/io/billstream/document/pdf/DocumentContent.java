package io.billstream.document.pdf;

import io.billstream.events.Address;
import io.billstream.events.Money;
import io.billstream.events.billing.PaymentCard;
import io.billstream.events.merchant.CompanyDetails;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Everything an issued document shows, fixed at issue: stored with the document, so that it reads the same however
 * the merchant, the customer or the order change later.
 *
 * @param language the customer's language, in which the words, figures and dates are written
 * @param timeZone the merchant's, in which dates are written
 * @param lines in the customer's language already, such as "Rate 2 von 4"
 * @param tax the tax contained in {@code total}; absent when the merchant charges none, and on receipts
 * @param card the card paid with; absent when unknown
 * @param refersTo the number of the invoice a receipt or credit note refers to
 * @param reason a credit note's reason, as the merchant gave it
 */
public record DocumentContent(
        DocumentKind kind,
        String number,
        Instant issuedAt,
        String language,
        String timeZone,
        CompanyDetails company,
        String accentColour,
        String customerName,
        Address customerAddress,
        String customerEmail,
        String orderReference,
        List<Line> lines,
        Money total,
        Tax tax,
        PaymentCard card,
        String refersTo,
        String reason,
        UUID transactionId) {

    public DocumentContent {
        lines = List.copyOf(lines);
    }

    public record Line(String description, long quantity, Money unitPrice, Money amount) {}

    /** The tax contained in a gross total: {@code net + amount = total}. */
    public record Tax(String name, int basisPoints, Money net, Money amount) {

        /** The tax a gross amount contains at the rate, rounded half up to the minor unit. */
        public static Tax containedIn(Money gross, String name, int basisPoints) {
            long tax = BigDecimal.valueOf(gross.amount())
                    .multiply(BigDecimal.valueOf(basisPoints))
                    .divide(BigDecimal.valueOf(10000L + basisPoints), 0, RoundingMode.HALF_UP)
                    .longValueExact();
            return new Tax(
                    name,
                    basisPoints,
                    new Money(gross.amount() - tax, gross.currency()),
                    new Money(tax, gross.currency()));
        }
    }
}

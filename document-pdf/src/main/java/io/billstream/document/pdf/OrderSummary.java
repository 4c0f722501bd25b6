package io.billstream.document.pdf;

import io.billstream.events.Address;
import io.billstream.events.Money;
import io.billstream.events.merchant.CompanyDetails;
import java.time.Instant;
import java.util.List;

/**
 * What an order summary shows, as it is when asked for: the order's details, its schedule, its payments and refunds,
 * and the figures. Not a numbered document: drawn anew each time.
 */
public record OrderSummary(
        String language,
        String timeZone,
        CompanyDetails company,
        String accentColour,
        String customerName,
        Address customerAddress,
        String customerEmail,
        String reference,
        String purchaseType,
        Instant createdAt,
        List<DocumentContent.Line> lines,
        List<Scheduled> schedule,
        List<Payment> payments,
        Money total,
        Money paid,
        Money refunded,
        Money outstanding) {

    public OrderSummary {
        lines = List.copyOf(lines);
        schedule = List.copyOf(schedule);
        payments = List.copyOf(payments);
    }

    /** A billing event: {@code status} SCHEDULED, COMPLETED, DECLINED, SKIPPED or MERGED. */
    public record Scheduled(Integer number, Instant scheduledAt, Money amount, String status) {}

    /** {@code outcome} APPROVED, DECLINED or REFUNDED. */
    public record Payment(Instant at, Money amount, String outcome) {}
}

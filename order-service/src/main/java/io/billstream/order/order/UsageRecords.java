package io.billstream.order.order;

import io.billstream.events.Money;
import io.billstream.events.order.PurchaseType;
import io.billstream.events.order.UsageRecorded;
import io.billstream.order.merchant.Merchants;
import io.billstream.platform.outbox.EventPublisher;
import io.billstream.platform.web.InvalidRequest;
import io.billstream.platform.web.InvalidRequest.FieldError;
import io.billstream.platform.web.Page;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Usage reported against METERED orders, published as UsageRecorded so that billing-service can bill it; a billing
 * event that bills it marks it invoiced ({@link OrderBilling}).
 */
@Service
public class UsageRecords {

    private final OrderRepository orders;
    private final UsageRepository usage;
    private final Merchants merchants;
    private final EventPublisher events;
    private final Clock clock;

    UsageRecords(
            OrderRepository orders, UsageRepository usage, Merchants merchants, EventPublisher events, Clock clock) {
        this.orders = orders;
        this.usage = usage;
        this.merchants = merchants;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public UsageRecord record(UUID merchantId, UUID orderId, NewUsage request) {
        // Locked, so that usage is never recorded beside a concurrent completion or cancellation.
        Order order = orders.findForUpdate(merchantId, orderId).orElseThrow(() -> new OrderNotFound(orderId));
        if (order.purchaseType() != PurchaseType.METERED || order.status().isFinal()) {
            throw new UsageNotAccepted(order.purchaseType(), order.status());
        }
        ZoneId zone = ZoneId.of(merchants.get(merchantId).settings().timeZone());
        long amount = validated(request, LocalDate.now(clock.withZone(zone)));
        String currency = order.total().currency().getCurrencyCode();
        Instant now = clock.instant();
        UsageRecord record = new UsageRecord(
                UUID.randomUUID(),
                orderId,
                request.description(),
                request.date(),
                request.quantity(),
                request.unit(),
                Money.of(request.unitPrice(), currency),
                Money.of(amount, currency),
                false,
                null,
                now);
        usage.insert(merchantId, record);
        events.publish(
                merchantId,
                new UsageRecorded(
                        orderId,
                        record.id(),
                        record.description(),
                        record.date(),
                        record.quantity(),
                        record.unit(),
                        record.unitPrice(),
                        record.amount(),
                        now));
        return record;
    }

    @Transactional(readOnly = true)
    public Page<UsageRecord> of(UUID merchantId, UUID orderId, Boolean invoiced, int page, int size) {
        Order order = orders.find(merchantId, orderId).orElseThrow(() -> new OrderNotFound(orderId));
        String currency = order.total().currency().getCurrencyCode();
        return new Page<>(
                usage.of(orderId, currency, invoiced, page, size), page, size, usage.count(orderId, invoiced));
    }

    /** The record's amount, or every rule it breaks. */
    private static long validated(NewUsage request, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        if (request.date().isAfter(today)) {
            errors.add(new FieldError("date", "must not be after today (" + today + ") in the merchant's time zone"));
        }
        if (request.quantity() < 1) {
            errors.add(new FieldError("quantity", "must be at least 1"));
        }
        if (request.unitPrice() < 0) {
            errors.add(new FieldError("unitPrice", "must not be negative"));
        }
        long amount = 0;
        if (errors.isEmpty()) {
            try {
                amount = Math.multiplyExact(request.quantity(), request.unitPrice());
            } catch (ArithmeticException e) {
                amount = Long.MAX_VALUE;
            }
            if (amount > Money.LARGEST) {
                errors.add(new FieldError("quantity", "times unitPrice must not exceed " + Money.LARGEST));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        return amount;
    }
}

package io.billstream.order.order;

import io.billstream.events.order.OrderCreated;
import io.billstream.order.customer.Customers;
import io.billstream.order.order.InvalidOrder.FieldError;
import io.billstream.platform.outbox.EventPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A merchant's orders: created in DRAFT, each step kept in the order's timeline and published. */
@Service
public class Orders {

    private final OrderRepository orders;
    private final Customers customers;
    private final EventPublisher events;
    private final Clock clock;

    Orders(OrderRepository orders, Customers customers, EventPublisher events, Clock clock) {
        this.orders = orders;
        this.customers = customers;
        this.events = events;
        this.clock = clock;
    }

    public record Page(List<Order> items, int page, int size, long total) {}

    @Transactional
    public Order create(UUID merchantId, NewOrder request) {
        OrderRules.Priced priced = OrderRules.priced(request);
        if (!customers.exists(merchantId, request.customerId())) {
            // Another merchant's customer is as unknown here as one that does not exist.
            throw new InvalidOrder(List.of(new FieldError("customerId", "no such customer")));
        }
        if (orders.referenceTaken(merchantId, request.reference())) {
            throw new OrderReferenceTaken(request.reference());
        }
        Instant now = clock.instant();
        Order order = new Order(
                UUID.randomUUID(),
                request.customerId(),
                request.reference(),
                request.purchaseType(),
                priced.total(),
                priced.lines(),
                priced.plan(),
                request.firstAction(),
                request.channel(),
                OrderStatus.DRAFT,
                now,
                now);
        orders.insert(merchantId, order);
        orders.record(order.id(), new TimelineEntry(now, null, OrderStatus.DRAFT, "CREATED", "MERCHANT", null));
        events.publish(
                merchantId,
                new OrderCreated(
                        order.id(),
                        order.customerId(),
                        order.reference(),
                        order.purchaseType(),
                        order.total(),
                        order.lines(),
                        order.plan(),
                        order.firstAction(),
                        order.channel(),
                        now));
        return order;
    }

    @Transactional(readOnly = true)
    public Order get(UUID merchantId, UUID id) {
        return orders.find(merchantId, id).orElseThrow(() -> new OrderNotFound(id));
    }

    @Transactional(readOnly = true)
    public List<TimelineEntry> timeline(UUID merchantId, UUID id) {
        get(merchantId, id);
        return orders.timeline(id);
    }

    @Transactional(readOnly = true)
    public Page search(UUID merchantId, OrderSearch search, int page, int size) {
        return new Page(orders.search(merchantId, search, page, size), page, size, orders.count(merchantId, search));
    }
}

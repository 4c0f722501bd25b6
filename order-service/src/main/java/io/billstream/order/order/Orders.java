package io.billstream.order.order;

import io.billstream.events.Actor;
import io.billstream.events.order.OrderCreated;
import io.billstream.events.order.OrderStatus;
import io.billstream.events.order.OrderStatusChanged;
import io.billstream.events.order.PaymentLinkIssued;
import io.billstream.events.order.SubscriptionCancelled;
import io.billstream.events.order.SubscriptionPaused;
import io.billstream.events.order.SubscriptionResumed;
import io.billstream.order.customer.Customers;
import io.billstream.platform.outbox.EventPublisher;
import io.billstream.platform.web.InvalidRequest;
import io.billstream.platform.web.InvalidRequest.FieldError;
import io.billstream.platform.web.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.dao.DuplicateKeyException;
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

    @Transactional
    public Order create(UUID merchantId, NewOrder request) {
        OrderRules.Priced priced = OrderRules.priced(request);
        if (!customers.exists(merchantId, request.customerId())) {
            // Another merchant's customer is as unknown here as one that does not exist.
            throw new InvalidRequest(List.of(new FieldError("customerId", "no such customer")));
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
                OrderFigures.none(request.purchaseType(), priced.total()),
                priced.lines(),
                priced.plan(),
                request.firstAction(),
                request.channel(),
                OrderStatus.DRAFT,
                now,
                now);
        try {
            orders.insert(merchantId, order);
        } catch (DuplicateKeyException raced) {
            // A concurrent create took the reference between the check and the insert.
            throw new OrderReferenceTaken(request.reference());
        }
        orders.record(order.id(), new TimelineEntry(now, null, OrderStatus.DRAFT, "CREATED", Actor.MERCHANT, null));
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

    /**
     * Takes one step of the status table, or refuses it with the current status and changes nothing. The step is kept
     * in the timeline and published as OrderStatusChanged, and subscription and payment-link steps also as their own
     * events.
     */
    @Transactional
    public Order transition(UUID merchantId, UUID id, OrderTransition transition, Actor actor, String reason) {
        return transition(merchantId, id, order -> transition, actor, reason);
    }

    /** Cancels an order: before any payment went through, or, for a subscription, at any live status. */
    @Transactional
    public Order cancel(UUID merchantId, UUID id, Actor actor, String reason) {
        // Chosen from the locked row: a payment approved a moment ago may have made the order live.
        return transition(
                merchantId,
                id,
                order -> order.status().isPreliminary()
                        ? OrderTransition.CANCELLED
                        : OrderTransition.SUBSCRIPTION_CANCELLED,
                actor,
                reason);
    }

    private Order transition(
            UUID merchantId, UUID id, Function<Order, OrderTransition> choose, Actor actor, String reason) {
        Order order = orders.findForUpdate(merchantId, id).orElseThrow(() -> new OrderNotFound(id));
        return take(merchantId, order, choose.apply(order), actor, reason);
    }

    /**
     * Takes {@code transition} from the status of {@code order}, whose row the caller has locked: the new status, its
     * timeline entry and its events.
     */
    Order take(UUID merchantId, Order order, OrderTransition transition, Actor actor, String reason) {
        UUID id = order.id();
        OrderStatus next = OrderLifecycle.next(order.status(), transition, order.purchaseType(), order.paidInFull());
        Instant now = clock.instant();
        orders.updateStatus(id, next, now);
        orders.record(id, new TimelineEntry(now, order.status(), next, transition.name(), actor, reason));
        events.publish(
                merchantId, new OrderStatusChanged(id, order.status(), next, transition.name(), actor, reason, now));
        switch (transition) {
            case PAUSED ->
                events.publish(merchantId, new SubscriptionPaused(id, order.customerId(), actor, reason, now));
            case RESUMED ->
                events.publish(merchantId, new SubscriptionResumed(id, order.customerId(), actor, reason, now));
            case SUBSCRIPTION_CANCELLED ->
                events.publish(merchantId, new SubscriptionCancelled(id, order.customerId(), actor, reason, now));
            case PAYMENT_LINK_SENT ->
                events.publish(merchantId, new PaymentLinkIssued(id, order.customerId(), actor, now));
            default -> {
                // the status change says it all
            }
        }
        return get(merchantId, id);
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

    /** A customer filter naming another merchant's customer, or none, is refused as unknown, not an empty page. */
    @Transactional(readOnly = true)
    public Page<Order> search(UUID merchantId, OrderSearch search, int page, int size) {
        if (search.customerId() != null) {
            customers.get(merchantId, search.customerId());
        }
        return new Page<>(orders.search(merchantId, search, page, size), page, size, orders.count(merchantId, search));
    }
}

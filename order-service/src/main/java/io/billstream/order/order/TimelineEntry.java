package io.billstream.order.order;

import io.billstream.events.Actor;
import io.billstream.events.order.OrderStatus;
import java.time.Instant;

/**
 * One step of an order's life: the status it left (none at creation), the one it reached, what happened, who caused
 * it (MERCHANT, CUSTOMER or SYSTEM) and why.
 */
public record TimelineEntry(
        Instant at, OrderStatus fromStatus, OrderStatus toStatus, String transition, Actor actor, String reason) {}

package io.billstream.events.order;

import io.billstream.events.Actor;
import io.billstream.events.OptionalField;
import java.time.Instant;
import java.util.UUID;

/**
 * An order took a step of its lifecycle (DOMAIN.md's status table). {@code from} and {@code to} may be equal: a
 * declined attempt through a payment link leaves the order PENDING and is still a step on its timeline.
 *
 * @param transition what happened, such as {@code PAYMENT_LINK_SENT} or {@code BILLING_EVENT_SOFT_DECLINED}
 */
public record OrderStatusChanged(
        UUID orderId,
        OrderStatus from,
        OrderStatus to,
        String transition,
        Actor actor,
        @OptionalField String reason,
        Instant changedAt) {}

package io.billstream.order.order;

import io.billstream.events.Actor;
import io.billstream.events.order.OrderStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * One step of an order's life: the status it left (none at creation), the one it reached, what happened, who caused
 * it (MERCHANT, CUSTOMER or SYSTEM) and why.
 */
public record TimelineEntry(
        Instant at,
        OrderStatus fromStatus,
        OrderStatus toStatus,

        @Schema(example = "PAYMENT_LINK_SENT", description = "a step of the status table, or CREATED")
        String transition,

        Actor actor,
        @Schema(example = "Customer asked by phone") String reason) {}

package io.billstream.events.order;

import io.billstream.events.Actor;
import io.billstream.events.OptionalField;
import java.time.Instant;
import java.util.UUID;

/** A subscription was cancelled, by the merchant or the customer; no further cycle is collected. */
public record SubscriptionCancelled(
        UUID orderId,
        UUID customerId,
        Actor actor,
        @OptionalField String reason,
        Instant at) {}

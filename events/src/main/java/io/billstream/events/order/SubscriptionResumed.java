package io.billstream.events.order;

import io.billstream.events.Actor;
import io.billstream.events.OptionalField;
import java.time.Instant;
import java.util.UUID;

/** A subscription was resumed, by the merchant or the customer. */
public record SubscriptionResumed(
        UUID orderId,
        UUID customerId,
        Actor actor,
        @OptionalField String reason,
        Instant at) {}

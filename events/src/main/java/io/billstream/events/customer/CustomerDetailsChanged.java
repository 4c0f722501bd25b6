package io.billstream.events.customer;

import io.billstream.events.Actor;
import java.time.Instant;
import java.util.UUID;

/**
 * A customer's details changed, by the merchant or by the customer in the portal. Carries the whole new details, so a
 * copy is kept by replacing it with the newest (highest {@code sequence}).
 */
public record CustomerDetailsChanged(UUID customerId, CustomerDetails details, Actor changedBy, Instant changedAt) {}

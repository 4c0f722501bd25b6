package io.billstream.events.customer;

import java.time.Instant;
import java.util.UUID;

/** A merchant created a customer. */
public record CustomerCreated(UUID customerId, CustomerDetails details, Instant createdAt) {}

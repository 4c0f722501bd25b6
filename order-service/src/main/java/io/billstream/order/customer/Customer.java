package io.billstream.order.customer;

import io.billstream.events.customer.CustomerDetails;
import java.time.Instant;
import java.util.UUID;

/** A customer as the merchant sees it. */
public record Customer(UUID id, CustomerDetails details, Instant createdAt, Instant updatedAt) {}

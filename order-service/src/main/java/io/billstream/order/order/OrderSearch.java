package io.billstream.order.order;

import io.billstream.events.order.OrderStatus;
import io.billstream.events.order.PurchaseType;
import java.util.UUID;

/** Filters of the order list; each may be null. */
public record OrderSearch(OrderStatus status, UUID customerId, String reference, PurchaseType purchaseType) {}

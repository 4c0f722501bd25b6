package io.billstream.events.order;

import io.billstream.events.Money;

/** One product line of an order; {@code amount} is {@code unitPrice} times {@code quantity}. */
public record OrderLine(String description, long quantity, Money unitPrice, Money amount) {}

package io.billstream.order.customer;

/** Filters of the customer list; each may be null. */
public record CustomerSearch(String email, String name, String reference) {}

package io.billstream.order.order;

import java.time.LocalDate;

/** Usage as a merchant reports it; {@code unitPrice} in minor units of the order's currency. */
public record NewUsage(String description, LocalDate date, long quantity, String unit, long unitPrice) {}

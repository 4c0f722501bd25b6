package io.billstream.events.order;

import io.billstream.events.Money;
import io.billstream.events.OptionalField;

/**
 * How an order is collected. SINGLE orders carry no interval; INSTALMENT orders carry the interval and the number
 * of instalments; SUBSCRIPTION orders the interval, the amount per cycle and, for a fixed term, the number of cycles;
 * METERED orders carry nothing, their billing events are created by the merchant.
 */
public record PaymentPlan(
        @OptionalField BillingInterval interval,
        @OptionalField Integer instalmentCount,
        @OptionalField Money amountPerCycle,
        @OptionalField Integer cycleLimit) {}

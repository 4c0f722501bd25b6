package io.billstream.billing.billingevent;

import io.billstream.events.Money;
import io.billstream.events.order.FirstAction;
import io.billstream.events.order.OrderStatus;
import io.billstream.events.order.PaymentPlan;
import io.billstream.events.order.PurchaseType;
import java.time.Instant;
import java.util.UUID;

/**
 * What billing-service knows of an order, from order-service's events.
 *
 * @param cyclesFrom a subscription's cycle 1 date, set when it became ACTIVE; cycle n falls n - 1 intervals after it
 * @param cardId the card its billing events are charged to; absent until one is assigned
 */
record OrderCopy(
        UUID id,
        UUID merchantId,
        UUID customerId,
        PurchaseType purchaseType,
        Money total,
        PaymentPlan plan,
        FirstAction firstAction,
        OrderStatus status,
        Instant cyclesFrom,
        UUID cardId) {}

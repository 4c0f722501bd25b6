package io.billstream.billing.billingevent;

import io.billstream.events.Topics;
import io.billstream.platform.copy.Copies;
import io.billstream.platform.copy.SubjectVersion;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The order copies as order-service last answered for them (ADR 13): nothing here acts on an order before its copy has
 * applied every change order-service committed, so a pause or cancellation answered there is never followed by a
 * charge here, and an order, or usage, answered there a moment ago is found here. Waiting happens outside any
 * transaction, holding no connection and no lock.
 */
@Component
public class CurrentOrders {

    private final Copies copies;
    private final OrderCopyRepository orders;

    CurrentOrders(Copies copies, OrderCopyRepository orders) {
        this.copies = copies;
        this.orders = orders;
    }

    /**
     * Waits until the copy of the merchant's order is current; {@link OrderNotFound} when order-service has no such
     * order of that merchant.
     */
    public void await(UUID merchantId, UUID orderId) {
        if (!copies.awaitCurrent(Topics.ORDERS, merchantId, orderId, () -> orders.sequenceOf(orderId))) {
            throw new OrderNotFound(orderId);
        }
    }

    /** The merchant's order, current. */
    OrderCopy require(UUID merchantId, UUID orderId) {
        await(merchantId, orderId);
        return orders.find(merchantId, orderId).orElseThrow(() -> new OrderNotFound(orderId));
    }

    /** Whether order-service has the order under the merchant; nothing waits. */
    public boolean exists(UUID merchantId, UUID orderId) {
        return copies.exists(Topics.ORDERS, merchantId, orderId);
    }

    /**
     * The charges whose decision to charge was made on a current copy: the copy had, when they were claimed, applied
     * every event order-service has committed for their order by now. The others wait for a later round.
     */
    List<Charge> decidedOnCurrentCopies(Collection<Charge> charges) {
        if (charges.isEmpty()) {
            return List.of();
        }
        Map<UUID, SubjectVersion> owner = copies.versions(
                Topics.ORDERS, charges.stream().map(Charge::orderId).distinct().toList());
        return charges.stream()
                .filter(charge -> {
                    SubjectVersion version = owner.get(charge.orderId());
                    return version != null
                            && version.belongsTo(charge.merchantId())
                            && charge.orderSequence() >= version.version();
                })
                .toList();
    }
}

package io.billstream.billing.billingevent;

import io.billstream.billing.card.Card;
import io.billstream.billing.card.Cards;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The card an order's billing events are charged to, assigned or replaced by the merchant. */
@Service
public class OrderCards {

    private final OrderCopyRepository orders;
    private final Cards cards;

    OrderCards(OrderCopyRepository orders, Cards cards) {
        this.orders = orders;
        this.cards = cards;
    }

    /** Registers the customer's card behind {@code token} and charges the order's billing events to it from now. */
    @Transactional
    public Card assign(UUID merchantId, UUID orderId, String token) {
        OrderCopy order = orders.find(merchantId, orderId).orElseThrow(() -> new OrderNotFound(orderId));
        orders.lockSequence(orderId);
        Card card = cards.register(merchantId, order.customerId(), token);
        orders.assignCard(orderId, card.id());
        return card;
    }

    @Transactional(readOnly = true)
    public Optional<Card> of(UUID merchantId, UUID orderId) {
        OrderCopy order = orders.find(merchantId, orderId).orElseThrow(() -> new OrderNotFound(orderId));
        return order.cardId() == null ? Optional.empty() : cards.find(merchantId, order.cardId());
    }
}

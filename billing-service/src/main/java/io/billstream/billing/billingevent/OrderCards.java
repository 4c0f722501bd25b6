package io.billstream.billing.billingevent;

import io.billstream.billing.card.Card;
import io.billstream.billing.card.Cards;
import io.billstream.events.card.CardReplaced;
import io.billstream.platform.outbox.EventPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The card an order's billing events are charged to, assigned or replaced by the merchant. */
@Service
public class OrderCards {

    private final OrderCopyRepository orders;
    private final CurrentOrders currentOrders;
    private final Cards cards;
    private final EventPublisher events;
    private final BillingRun run;
    private final TransactionTemplate transaction;
    private final Clock clock;

    OrderCards(
            OrderCopyRepository orders,
            CurrentOrders currentOrders,
            Cards cards,
            EventPublisher events,
            BillingRun run,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.orders = orders;
        this.currentOrders = currentOrders;
        this.transaction = new TransactionTemplate(transactions);
        this.cards = cards;
        this.events = events;
        this.run = run;
        this.clock = clock;
    }

    /**
     * Registers the customer's card behind {@code token} and charges the order's billing events to it from now, once
     * the order's copy has every change order-service answered for it (ADR 13).
     */
    public Card assignNew(UUID merchantId, UUID orderId, String token) {
        currentOrders.await(merchantId, orderId);
        return transaction.execute(status -> {
            OrderCopy order = locked(merchantId, orderId);
            return assign(order, cards.register(merchantId, order.customerId(), token));
        });
    }

    /** Charges the order's billing events to another card its customer has, from now. */
    public Card assignExisting(UUID merchantId, UUID orderId, UUID cardId) {
        currentOrders.await(merchantId, orderId);
        return transaction.execute(status -> {
            OrderCopy order = locked(merchantId, orderId);
            return assign(order, cards.ofCustomer(merchantId, order.customerId(), cardId));
        });
    }

    private OrderCopy locked(UUID merchantId, UUID orderId) {
        orders.find(merchantId, orderId).orElseThrow(() -> new OrderNotFound(orderId));
        orders.lockSequence(orderId);
        return orders.find(merchantId, orderId).orElseThrow();
    }

    /**
     * The order uses {@code card} from now. Replacing another card is published as CardReplaced, and the order's
     * declined and overdue billing events are collected on the new card by the billing run, started at once.
     */
    Card assign(OrderCopy order, Card card) {
        orders.assignCard(order.id(), card.id());
        if (order.cardId() != null && !order.cardId().equals(card.id())) {
            Instant now = clock.instant();
            orders.recoverFrom(order.id(), now);
            events.publish(
                    order.merchantId(),
                    new CardReplaced(order.customerId(), order.id(), order.cardId(), card.id(), now));
            // After the commit, so that the claim sees the new card; the scheduled run collects them should this not
            // run.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    Thread.ofVirtual().name("recovery-" + order.id()).start(() -> run.recover(order.id()));
                }
            });
        }
        return card;
    }

    public Optional<Card> of(UUID merchantId, UUID orderId) {
        OrderCopy order = currentOrders.require(merchantId, orderId);
        return order.cardId() == null ? Optional.empty() : cards.find(merchantId, order.cardId());
    }
}

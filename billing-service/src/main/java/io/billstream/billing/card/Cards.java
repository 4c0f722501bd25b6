package io.billstream.billing.card;

import io.billstream.billing.processor.CardDetails;
import io.billstream.billing.processor.PaymentProcessor;
import io.billstream.billing.processor.ProcessorOutcome;
import io.billstream.events.Topics;
import io.billstream.events.billing.PaymentCard;
import io.billstream.events.card.CardRegistered;
import io.billstream.events.card.CardRemoved;
import io.billstream.platform.copy.Copies;
import io.billstream.platform.outbox.EventPublisher;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Customers' cards, as the processor's tokens: registered (checked with a zero-amount verification, or given with an
 * approved first payment), listed, one of them the default, removed when no live order uses them. The changes of one
 * customer's cards run one after the other, so that the customer always has one default card while it has any.
 */
@Service
public class Cards {

    private static final String SELECT = """
            SELECT id, customer_id, brand, last4, expiry_month, expiry_year, is_default, created_at FROM card
            WHERE merchant_id = :merchantId AND removed_at IS NULL
            """;

    private final JdbcClient jdbc;
    private final PaymentProcessor processor;
    private final EventPublisher events;
    private final Copies copies;
    private final TransactionTemplate transaction;
    private final Clock clock;

    Cards(
            JdbcClient jdbc,
            PaymentProcessor processor,
            EventPublisher events,
            Copies copies,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.jdbc = jdbc;
        this.processor = processor;
        this.events = events;
        this.copies = copies;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Adds a card for a customer order-service knows under the merchant (ADR 13: also one it answered for a moment
     * ago): the card behind {@code token}, verified; a declined card is refused and nothing is stored.
     */
    public Card add(UUID merchantId, UUID customerId, String token) {
        requireKnown(merchantId, customerId);
        return transaction.execute(status -> register(merchantId, customerId, token));
    }

    /**
     * The card behind {@code token} of a customer the caller vouches for (an order's), verified; a declined card is
     * refused and nothing is stored.
     */
    @Transactional
    public Card register(UUID merchantId, UUID customerId, String token) {
        CardDetails details = details(token);
        ProcessorOutcome verification = processor.verify("verify-" + token, token);
        if (!verification.approved()) {
            throw new CardDeclined(verification.code());
        }
        return store(merchantId, customerId, token, details);
    }

    /** The card behind {@code token} of a first payment or registration the processor approved; no new check. */
    @Transactional
    public Card registerApproved(UUID merchantId, UUID customerId, String token) {
        return store(merchantId, customerId, token, details(token));
    }

    /** What may be shown of the card behind {@code token}; refused with 400 for a token the processor does not know. */
    public CardDetails details(String token) {
        return processor.card(token).orElseThrow(UnknownCardToken::new);
    }

    private Card store(UUID merchantId, UUID customerId, String token, CardDetails details) {
        lockCustomer(customerId);
        boolean first = list(merchantId, customerId).isEmpty();
        Instant now = clock.instant();
        Card card = new Card(
                UUID.randomUUID(),
                customerId,
                details.brand(),
                details.last4(),
                details.expiryMonth(),
                details.expiryYear(),
                first,
                now);
        jdbc.sql("""
                        INSERT INTO card (id, merchant_id, customer_id, token, brand, last4, expiry_month, expiry_year,
                                          is_default, created_at)
                        VALUES (:id, :merchantId, :customerId, :token, :brand, :last4, :month, :year, :isDefault, :now)""")
                .param("id", card.id())
                .param("merchantId", merchantId)
                .param("customerId", customerId)
                .param("token", token)
                .param("brand", card.brand())
                .param("last4", card.last4())
                .param("month", card.expiryMonth())
                .param("year", card.expiryYear())
                .param("isDefault", card.isDefault())
                .param("now", Timestamp.from(now))
                .update();
        events.publish(
                merchantId,
                new CardRegistered(
                        customerId,
                        card.id(),
                        card.brand(),
                        card.last4(),
                        card.expiryMonth(),
                        card.expiryYear(),
                        card.isDefault(),
                        now));
        return card;
    }

    /** The customer's cards, the default first, then the newest. */
    public List<Card> of(UUID merchantId, UUID customerId) {
        requireKnown(merchantId, customerId);
        return list(merchantId, customerId);
    }

    private List<Card> list(UUID merchantId, UUID customerId) {
        return jdbc.sql(SELECT + " AND customer_id = :customerId ORDER BY is_default DESC, created_at DESC, id")
                .param("merchantId", merchantId)
                .param("customerId", customerId)
                .query(Cards::card)
                .list();
    }

    public Optional<Card> find(UUID merchantId, UUID cardId) {
        return jdbc.sql(SELECT + " AND id = :id")
                .param("merchantId", merchantId)
                .param("id", cardId)
                .query(Cards::card)
                .optional();
    }

    /** A card of this customer that is not removed; 404 otherwise. */
    public Card ofCustomer(UUID merchantId, UUID customerId, UUID cardId) {
        return find(merchantId, cardId)
                .filter(card -> card.customerId().equals(customerId))
                .orElseThrow(() -> new CardNotFound(cardId));
    }

    /** What documents and messages show of a card, a removed one too: the transactions made with it keep it. */
    public Optional<PaymentCard> shown(UUID cardId) {
        if (cardId == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT brand, last4 FROM card WHERE id = :id")
                .param("id", cardId)
                .query((row, number) -> new PaymentCard(row.getString("brand"), row.getString("last4")))
                .optional();
    }

    /** The processor's token of a card; absent once it is removed. */
    public Optional<String> token(UUID cardId) {
        return jdbc.sql("SELECT token FROM card WHERE id = :id AND removed_at IS NULL")
                .param("id", cardId)
                .query(String.class)
                .optional();
    }

    /** Makes the card the customer's default, the previous default an ordinary card. */
    public Card makeDefault(UUID merchantId, UUID customerId, UUID cardId) {
        requireKnown(merchantId, customerId);
        return transaction.execute(status -> makeDefaultOfKnown(merchantId, customerId, cardId));
    }

    private Card makeDefaultOfKnown(UUID merchantId, UUID customerId, UUID cardId) {
        lockCustomer(customerId);
        ofCustomer(merchantId, customerId, cardId);
        jdbc.sql("""
                        UPDATE card SET is_default = FALSE
                        WHERE merchant_id = :merchantId AND customer_id = :customerId AND is_default""")
                .param("merchantId", merchantId)
                .param("customerId", customerId)
                .update();
        jdbc.sql("UPDATE card SET is_default = TRUE WHERE id = :id")
                .param("id", cardId)
                .update();
        return ofCustomer(merchantId, customerId, cardId);
    }

    /**
     * Removes a card no live order uses and forgets its token; refused with 409 naming the orders otherwise. When it
     * was the default, the newest card left becomes the default.
     */
    public void remove(UUID merchantId, UUID customerId, UUID cardId) {
        requireKnown(merchantId, customerId);
        transaction.executeWithoutResult(status -> removeOfKnown(merchantId, customerId, cardId));
    }

    private void removeOfKnown(UUID merchantId, UUID customerId, UUID cardId) {
        lockCustomer(customerId);
        Card card = ofCustomer(merchantId, customerId, cardId);
        List<UUID> liveOrders =
                jdbc.sql("""
                        SELECT id FROM order_copy
                        WHERE card_id = :cardId AND status IN ('ACTIVE', 'FAILED', 'SUSPENDED', 'PAUSED', 'REVIEW')
                        ORDER BY created_at""").param("cardId", cardId).query(UUID.class).list();
        if (!liveOrders.isEmpty()) {
            throw new CardInUse(cardId, liveOrders);
        }
        Instant now = clock.instant();
        jdbc.sql("UPDATE card SET removed_at = :now, token = NULL, is_default = FALSE WHERE id = :id")
                .param("id", cardId)
                .param("now", Timestamp.from(now))
                .update();
        UUID newDefault = null;
        if (card.isDefault()) {
            newDefault = list(merchantId, customerId).stream()
                    .findFirst()
                    .map(Card::id)
                    .orElse(null);
            if (newDefault != null) {
                jdbc.sql("UPDATE card SET is_default = TRUE WHERE id = :id")
                        .param("id", newDefault)
                        .update();
            }
        }
        events.publish(merchantId, new CardRemoved(customerId, cardId, newDefault, now));
    }

    /**
     * Cards are for customers order-service has under the merchant; any other id, also another merchant's, is not
     * found. Asked of order-service, so a customer it answered for a moment ago is known here too (ADR 13).
     */
    public void requireKnown(UUID merchantId, UUID customerId) {
        if (!copies.exists(Topics.CUSTOMERS, merchantId, customerId)) {
            throw new CustomerNotFound(customerId);
        }
    }

    /** Holds the customer's card changes until the caller's transaction ends. */
    private void lockCustomer(UUID customerId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:customerId, 0))")
                .param("customerId", customerId.toString())
                .query()
                .listOfRows();
    }

    private static Card card(ResultSet row, int number) throws SQLException {
        return new Card(
                row.getObject("id", UUID.class),
                row.getObject("customer_id", UUID.class),
                row.getString("brand"),
                row.getString("last4"),
                row.getInt("expiry_month"),
                row.getInt("expiry_year"),
                row.getBoolean("is_default"),
                row.getTimestamp("created_at").toInstant());
    }
}

package io.billstream.billing.card;

import io.billstream.billing.processor.CardDetails;
import io.billstream.billing.processor.PaymentProcessor;
import io.billstream.billing.processor.ProcessorOutcome;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers customers' cards from the processor's tokens, each checked with a zero-amount verification first. */
@Service
public class Cards {

    private final JdbcClient jdbc;
    private final PaymentProcessor processor;
    private final Clock clock;

    Cards(JdbcClient jdbc, PaymentProcessor processor, Clock clock) {
        this.jdbc = jdbc;
        this.processor = processor;
        this.clock = clock;
    }

    /** The customer's card behind {@code token}, verified; a declined card is refused and nothing is stored. */
    @Transactional
    public Card register(UUID merchantId, UUID customerId, String token) {
        CardDetails details = processor.card(token).orElseThrow(UnknownCardToken::new);
        ProcessorOutcome verification = processor.verify("verify-" + token, token);
        if (!verification.approved()) {
            throw new CardDeclined(verification.code());
        }
        Instant now = clock.instant();
        Card card = new Card(
                UUID.randomUUID(),
                customerId,
                details.brand(),
                details.last4(),
                details.expiryMonth(),
                details.expiryYear(),
                now);
        jdbc.sql("""
                        INSERT INTO card (id, merchant_id, customer_id, token, brand, last4, expiry_month, expiry_year,
                                          created_at)
                        VALUES (:id, :merchantId, :customerId, :token, :brand, :last4, :month, :year, :now)""")
                .param("id", card.id())
                .param("merchantId", merchantId)
                .param("customerId", customerId)
                .param("token", token)
                .param("brand", card.brand())
                .param("last4", card.last4())
                .param("month", card.expiryMonth())
                .param("year", card.expiryYear())
                .param("now", Timestamp.from(now))
                .update();
        return card;
    }

    public Optional<Card> find(UUID merchantId, UUID cardId) {
        return jdbc.sql("""
                        SELECT id, customer_id, brand, last4, expiry_month, expiry_year, created_at FROM card
                        WHERE merchant_id = :merchantId AND id = :id""")
                .param("merchantId", merchantId)
                .param("id", cardId)
                .query((row, number) -> new Card(
                        row.getObject("id", UUID.class),
                        row.getObject("customer_id", UUID.class),
                        row.getString("brand"),
                        row.getString("last4"),
                        row.getInt("expiry_month"),
                        row.getInt("expiry_year"),
                        row.getTimestamp("created_at").toInstant()))
                .optional();
    }
}

package io.billstream.portal.directory;

import io.billstream.events.EventJson;
import io.billstream.events.merchant.MerchantSettings;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The merchants and the customer directory, fed by order-service's events: which customer of a merchant signs in with
 * an email. Two customers of one merchant may share an email; the one created last is the one who signs in.
 */
@Service
public class Directory {

    private final JdbcClient jdbc;

    Directory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void merchantChanged(UUID merchantId, MerchantSettings settings, long sequence) {
        jdbc.sql("""
                        INSERT INTO merchant_copy (id, settings, sequence) VALUES (:id, CAST(:settings AS jsonb), :sequence)
                        ON CONFLICT (id) DO UPDATE SET settings = excluded.settings, sequence = excluded.sequence
                        WHERE merchant_copy.sequence < excluded.sequence""")
                .param("id", merchantId)
                .param("settings", new String(EventJson.write(settings), StandardCharsets.UTF_8))
                .param("sequence", sequence)
                .update();
    }

    public void customerCreated(UUID merchantId, UUID customerId, String email, Instant createdAt, long sequence) {
        jdbc.sql("""
                        INSERT INTO customer_directory (customer_id, merchant_id, email, created_at, sequence)
                        VALUES (:customerId, :merchantId, :email, :createdAt, :sequence)
                        ON CONFLICT (customer_id) DO NOTHING""")
                .param("customerId", customerId)
                .param("merchantId", merchantId)
                .param("email", normalized(email))
                .param("createdAt", Timestamp.from(createdAt))
                .param("sequence", sequence)
                .update();
    }

    /** A customer's new email, if it changed; an older change arriving late changes nothing. */
    public void customerChanged(UUID customerId, String email, long sequence) {
        jdbc.sql("""
                        UPDATE customer_directory SET email = :email, sequence = :sequence
                        WHERE customer_id = :customerId AND sequence < :sequence""")
                .param("customerId", customerId)
                .param("email", normalized(email))
                .param("sequence", sequence)
                .update();
    }

    /** The sequence of the customer's last event applied to the directory; 0 before any. */
    public long customerSequence(UUID customerId) {
        return jdbc.sql("SELECT sequence FROM customer_directory WHERE customer_id = :id")
                .param("id", customerId)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    /** Whether the customer is the merchant's (as far as the events that reached this service tell). */
    public boolean isCustomerOf(UUID merchantId, UUID customerId) {
        return jdbc.sql(
                                "SELECT count(*) FROM customer_directory WHERE customer_id = :customer AND merchant_id = :merchant")
                        .param("customer", customerId)
                        .param("merchant", merchantId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** The merchant's customer who signs in with this email: of those who have it, the one created last. */
    public Optional<UUID> customerWithEmail(UUID merchantId, String email) {
        return jdbc.sql("""
                        SELECT customer_id FROM customer_directory WHERE merchant_id = :merchantId AND email = :email
                        ORDER BY created_at DESC, customer_id LIMIT 1""")
                .param("merchantId", merchantId)
                .param("email", normalized(email))
                .query(UUID.class)
                .optional();
    }

    public Optional<MerchantSettings> merchant(UUID merchantId) {
        return jdbc.sql("SELECT settings FROM merchant_copy WHERE id = :id")
                .param("id", merchantId)
                .query((row, number) -> EventJson.read(row.getBytes("settings"), MerchantSettings.class))
                .optional();
    }

    /** Emails compare as their owners mean them: without surrounding spaces, in any case. */
    public static String normalized(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}

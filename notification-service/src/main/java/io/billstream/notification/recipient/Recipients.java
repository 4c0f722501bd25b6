package io.billstream.notification.recipient;

import io.billstream.events.EventJson;
import io.billstream.events.customer.CustomerDetails;
import io.billstream.events.merchant.MerchantSettings;
import io.billstream.platform.inbox.NotKnownYet;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Who messages go to and on whose behalf: the copies of merchants' settings, customers' details and orders' customers,
 * fed by events, so that a message is written while the other services are down.
 */
@Service
public class Recipients {

    private final JdbcClient jdbc;

    Recipients(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A message's parties: the merchant sending it, the customer receiving it, and the order's reference. */
    public record Parties(
            UUID merchantId,
            MerchantSettings merchant,
            UUID customerId,
            CustomerDetails customer,
            String orderReference) {}

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

    public void customerChanged(UUID merchantId, UUID customerId, CustomerDetails details, long sequence) {
        jdbc.sql("""
                        INSERT INTO customer_copy (id, merchant_id, details, sequence)
                        VALUES (:id, :merchantId, CAST(:details AS jsonb), :sequence)
                        ON CONFLICT (id) DO UPDATE SET details = excluded.details, sequence = excluded.sequence
                        WHERE customer_copy.sequence < excluded.sequence""")
                .param("id", customerId)
                .param("merchantId", merchantId)
                .param("details", new String(EventJson.write(details), StandardCharsets.UTF_8))
                .param("sequence", sequence)
                .update();
    }

    /** The sequence of the customer's last event applied to its copy; 0 before any. */
    public long customerSequence(UUID customerId) {
        return jdbc.sql("SELECT sequence FROM customer_copy WHERE id = :id")
                .param("id", customerId)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    public void orderCreated(UUID merchantId, UUID orderId, UUID customerId, String reference) {
        jdbc.sql("""
                        INSERT INTO order_copy (id, merchant_id, customer_id, reference)
                        VALUES (:id, :merchantId, :customerId, :reference) ON CONFLICT (id) DO NOTHING""")
                .param("id", orderId)
                .param("merchantId", merchantId)
                .param("customerId", customerId)
                .param("reference", reference)
                .update();
    }

    /** The parties of a message to the merchant's customer, about no order; {@link NotKnownYet} while a copy is missing. */
    public Parties ofCustomer(UUID merchantId, UUID customerId) {
        return jdbc.sql("""
                        SELECT m.settings, c.details
                        FROM customer_copy c LEFT JOIN merchant_copy m ON m.id = c.merchant_id
                        WHERE c.id = :id AND c.merchant_id = :merchantId""")
                .param("id", customerId)
                .param("merchantId", merchantId)
                .query((row, number) -> {
                    if (row.getBytes("settings") == null) {
                        throw new NotKnownYet("merchant " + merchantId);
                    }
                    return new Parties(
                            merchantId,
                            EventJson.read(row.getBytes("settings"), MerchantSettings.class),
                            customerId,
                            EventJson.read(row.getBytes("details"), CustomerDetails.class),
                            null);
                })
                .optional()
                .orElseThrow(() -> new NotKnownYet("customer " + customerId));
    }

    /** The parties of a message about the merchant's order; {@link NotKnownYet} while a copy has not arrived. */
    public Parties ofOrder(UUID merchantId, UUID orderId) {
        return jdbc.sql("""
                        SELECT o.customer_id, o.reference, m.settings, c.details
                        FROM order_copy o
                        LEFT JOIN merchant_copy m ON m.id = o.merchant_id
                        LEFT JOIN customer_copy c ON c.id = o.customer_id
                        WHERE o.id = :id AND o.merchant_id = :merchantId""")
                .param("id", orderId)
                .param("merchantId", merchantId)
                .query((row, number) -> {
                    if (row.getBytes("settings") == null || row.getBytes("details") == null) {
                        throw new NotKnownYet("the merchant or the customer of order " + orderId);
                    }
                    return new Parties(
                            merchantId,
                            EventJson.read(row.getBytes("settings"), MerchantSettings.class),
                            row.getObject("customer_id", UUID.class),
                            EventJson.read(row.getBytes("details"), CustomerDetails.class),
                            row.getString("reference"));
                })
                .optional()
                .orElseThrow(() -> new NotKnownYet("order " + orderId));
    }
}

package io.billstream.document.copy;

import io.billstream.events.EventJson;
import io.billstream.events.customer.CustomerDetails;
import io.billstream.platform.inbox.NotKnownYet;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** What document-service keeps of each customer: the newest details, for the address and language of documents. */
@Service
public class CustomerCopies {

    private final JdbcClient jdbc;

    CustomerCopies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the details of {@code sequence} unless newer ones are kept already. */
    public void changed(UUID merchantId, UUID customerId, CustomerDetails details, long sequence) {
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

    public CustomerDetails of(UUID customerId) {
        return jdbc.sql("SELECT details FROM customer_copy WHERE id = :id")
                .param("id", customerId)
                .query((row, number) -> EventJson.read(row.getBytes("details"), CustomerDetails.class))
                .optional()
                .orElseThrow(() -> new NotKnownYet("customer " + customerId));
    }
}

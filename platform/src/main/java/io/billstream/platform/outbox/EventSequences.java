package io.billstream.platform.outbox;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Gap-free sequence numbers per topic and subject. The counter row is updated in the publishing transaction, so a
 * rolled-back change takes its number back and concurrent publishers of one subject queue on the row lock.
 */
class EventSequences {

    private final JdbcClient jdbc;

    EventSequences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The next number of the subject's events; the subject's first event records the merchant it belongs to. */
    long next(String topic, String subject, UUID merchantId) {
        return jdbc.sql("""
                        INSERT INTO platform.event_sequence (topic, subject, last_value, merchant_id)
                        VALUES (:topic, :subject, 1, :merchantId)
                        ON CONFLICT (topic, subject) DO UPDATE SET last_value = event_sequence.last_value + 1,
                            merchant_id = coalesce(event_sequence.merchant_id, excluded.merchant_id)
                        RETURNING last_value""")
                .param("topic", topic)
                .param("subject", subject)
                .param("merchantId", merchantId)
                .query(Long.class)
                .single();
    }
}

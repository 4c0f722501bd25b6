package io.billstream.platform.outbox;

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

    long next(String topic, String subject) {
        return jdbc.sql("""
                        INSERT INTO platform.event_sequence (topic, subject, last_value) VALUES (:topic, :subject, 1)
                        ON CONFLICT (topic, subject) DO UPDATE SET last_value = event_sequence.last_value + 1
                        RETURNING last_value""")
                .param("topic", topic)
                .param("subject", subject)
                .query(Long.class)
                .single();
    }
}

package io.billstream.platform.copy;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The owner's side: the sequence of the last event this service committed for each subject of a topic it publishes,
 * from the counters the outbox advances in the publishing transaction. A subject with no event is not there, so an
 * answered creation is always visible here: its first event committed with it.
 */
class EventVersions {

    private final JdbcClient jdbc;

    EventVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<SubjectVersion> of(String topic, Collection<UUID> subjects) {
        if (subjects.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT subject, merchant_id, last_value FROM platform.event_sequence
                        WHERE topic = :topic AND subject IN (:subjects) AND merchant_id IS NOT NULL""")
                .param("topic", topic)
                .param("subjects", subjects.stream().map(UUID::toString).toList())
                .query((row, number) -> new SubjectVersion(
                        UUID.fromString(row.getString("subject")),
                        row.getObject("merchant_id", UUID.class),
                        row.getLong("last_value")))
                .list();
    }
}

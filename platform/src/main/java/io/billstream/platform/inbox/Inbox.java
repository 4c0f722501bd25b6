package io.billstream.platform.inbox;

import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The ids of the events each consumer has applied. */
class Inbox {

    private final JdbcClient jdbc;
    private final Clock clock;

    Inbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records that {@code consumer} applies {@code eventId} now. False when it already did: the row exists, or a
     * concurrent delivery holds it and this call waits for that transaction to end.
     */
    boolean firstDelivery(String consumer, UUID eventId, String eventType) {
        return jdbc.sql("""
                        INSERT INTO platform.inbox (consumer, event_id, event_type, processed_at)
                        VALUES (:consumer, :eventId, :eventType, :now)
                        ON CONFLICT (consumer, event_id) DO NOTHING""")
                        .param("consumer", consumer)
                        .param("eventId", eventId)
                        .param("eventType", eventType)
                        .param("now", java.sql.Timestamp.from(clock.instant()))
                        .update()
                == 1;
    }
}

package io.billstream.order.merchant;

import io.billstream.events.EventJson;
import io.billstream.events.merchant.MerchantSettings;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class MerchantRepository {

    private final JdbcClient jdbc;

    MerchantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, MerchantSettings settings, Instant now) {
        jdbc.sql("""
                        INSERT INTO merchant (id, settings, created_at, updated_at)
                        VALUES (:id, CAST(:settings AS jsonb), :now, :now)""")
                .param("id", id)
                .param("settings", json(settings))
                .param("now", Timestamp.from(now))
                .update();
    }

    boolean update(UUID id, MerchantSettings settings, Instant now) {
        return jdbc.sql("UPDATE merchant SET settings = CAST(:settings AS jsonb), updated_at = :now WHERE id = :id")
                        .param("id", id)
                        .param("settings", json(settings))
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    Optional<MerchantSettings> settings(UUID id) {
        return settings(id, "");
    }

    /** The settings, locked until the transaction ends, so that concurrent changes apply one after the other. */
    Optional<MerchantSettings> settingsForUpdate(UUID id) {
        return settings(id, " FOR UPDATE");
    }

    private Optional<MerchantSettings> settings(UUID id, String lock) {
        return jdbc.sql("SELECT settings::text FROM merchant WHERE id = :id" + lock)
                .param("id", id)
                .query(String.class)
                .optional()
                .map(text -> EventJson.read(text.getBytes(StandardCharsets.UTF_8), MerchantSettings.class));
    }

    private static String json(MerchantSettings settings) {
        return new String(EventJson.write(settings), StandardCharsets.UTF_8);
    }
}

package io.billstream.document.copy;

import io.billstream.events.EventJson;
import io.billstream.events.merchant.MerchantSettings;
import io.billstream.events.merchant.MerchantSettingsChanged;
import io.billstream.platform.inbox.NotKnownYet;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** What document-service keeps of each merchant: its newest settings and its logo. */
@Service
public class MerchantCopies {

    private final JdbcClient jdbc;
    private final Logos logos;

    MerchantCopies(JdbcClient jdbc, Logos logos) {
        this.jdbc = jdbc;
        this.logos = logos;
    }

    /** A merchant as documents show it. */
    public record Merchant(UUID id, MerchantSettings settings, Optional<byte[]> logo) {}

    /**
     * Keeps the settings of {@code sequence} unless newer ones are kept already, with the logo they name, fetched now:
     * documents are then issued without reaching out, also while the logo's host is away.
     */
    public void changed(MerchantSettingsChanged event, long sequence) {
        byte[] logo = logos.fetch(event.settings().branding().logoUrl()).orElse(null);
        jdbc.sql("""
                        INSERT INTO merchant_copy (id, settings, logo, sequence)
                        VALUES (:id, CAST(:settings AS jsonb), :logo, :sequence)
                        ON CONFLICT (id) DO UPDATE SET settings = excluded.settings, logo = excluded.logo,
                                                       sequence = excluded.sequence
                        WHERE merchant_copy.sequence < excluded.sequence""")
                .param("id", event.merchantId())
                .param("settings", new String(EventJson.write(event.settings()), StandardCharsets.UTF_8))
                .param("logo", logo)
                .param("sequence", sequence)
                .update();
    }

    /** The merchant, or a {@link NotKnownYet} to retry the event that needs it once its settings are here. */
    public Merchant of(UUID merchantId) {
        return jdbc.sql("SELECT settings, logo FROM merchant_copy WHERE id = :id")
                .param("id", merchantId)
                .query((row, number) -> new Merchant(
                        merchantId,
                        EventJson.read(row.getBytes("settings"), MerchantSettings.class),
                        Optional.ofNullable(row.getBytes("logo"))))
                .optional()
                .orElseThrow(() -> new NotKnownYet("merchant " + merchantId));
    }
}

package io.billstream.billing.merchant;

import io.billstream.events.merchant.MerchantSettingsChanged;
import java.time.ZoneId;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Each merchant's time zone, from its newest MerchantSettingsChanged. */
@Service
public class MerchantZones {

    private final JdbcClient jdbc;

    MerchantZones(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the settings of {@code sequence} unless newer ones are kept already; settings always travel whole. */
    @Transactional
    public void changed(MerchantSettingsChanged event, long sequence) {
        jdbc.sql("""
                        INSERT INTO merchant_copy (id, time_zone, sequence) VALUES (:id, :zone, :sequence)
                        ON CONFLICT (id) DO UPDATE SET time_zone = :zone, sequence = :sequence
                        WHERE merchant_copy.sequence < :sequence""")
                .param("id", event.merchantId())
                .param("zone", event.settings().timeZone())
                .param("sequence", sequence)
                .update();
    }

    /**
     * The merchant's time zone. A merchant's settings are published when it is created, long before its first order;
     * should an order still overtake them, this fails and the order's event is retried until they are here.
     */
    public ZoneId of(UUID merchantId) {
        return jdbc.sql("SELECT time_zone FROM merchant_copy WHERE id = :id")
                .param("id", merchantId)
                .query(String.class)
                .optional()
                .map(ZoneId::of)
                .orElseThrow(() -> new IllegalStateException("settings of merchant " + merchantId + " not known yet"));
    }
}

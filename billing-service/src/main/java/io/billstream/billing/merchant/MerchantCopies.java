package io.billstream.billing.merchant;

import io.billstream.events.merchant.MerchantSettingsChanged;
import io.billstream.events.merchant.RetryPolicy;
import io.billstream.platform.inbox.NotKnownYet;
import java.sql.Array;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What billing-service keeps of each merchant's newest MerchantSettingsChanged: its time zone and retry policy. */
@Service
public class MerchantCopies {

    private final JdbcClient jdbc;

    MerchantCopies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the settings of {@code sequence} unless newer ones are kept already; settings always travel whole. */
    @Transactional
    public void changed(MerchantSettingsChanged event, long sequence) {
        RetryPolicy retries = event.settings().retryPolicy();
        jdbc.sql("""
                        INSERT INTO merchant_copy (id, time_zone, retry_enabled, retry_after_hours, sequence)
                        VALUES (:id, :zone, :retryEnabled, CAST(:retryAfterHours AS integer[]), :sequence)
                        ON CONFLICT (id) DO UPDATE SET time_zone = :zone, retry_enabled = :retryEnabled,
                                                       retry_after_hours = CAST(:retryAfterHours AS integer[]),
                                                       sequence = :sequence
                        WHERE merchant_copy.sequence < :sequence""")
                .param("id", event.merchantId())
                .param("zone", event.settings().timeZone())
                .param("retryEnabled", retries.enabled())
                .param(
                        "retryAfterHours",
                        "{"
                                + String.join(
                                        ",",
                                        retries.retryAfterHours().stream()
                                                .map(String::valueOf)
                                                .toList()) + "}")
                .param("sequence", sequence)
                .update();
    }

    /**
     * The merchant's time zone. A merchant's settings are published when it is created, long before its first order;
     * should an order still overtake them, this fails with {@link NotKnownYet} and the order's event is retried until
     * they are here.
     */
    public ZoneId zoneOf(UUID merchantId) {
        return jdbc.sql("SELECT time_zone FROM merchant_copy WHERE id = :id")
                .param("id", merchantId)
                .query(String.class)
                .optional()
                .map(ZoneId::of)
                .orElseThrow(() -> new NotKnownYet("the settings of merchant " + merchantId));
    }

    /** The merchant's automatic retry policy. */
    public RetryPolicy retryPolicyOf(UUID merchantId) {
        return jdbc.sql("SELECT retry_enabled, retry_after_hours FROM merchant_copy WHERE id = :id")
                .param("id", merchantId)
                .query((row, number) ->
                        new RetryPolicy(row.getBoolean("retry_enabled"), hours(row.getArray("retry_after_hours"))))
                .optional()
                .orElseThrow(() -> new NotKnownYet("the settings of merchant " + merchantId));
    }

    private static List<Integer> hours(Array array) throws SQLException {
        return Arrays.asList((Integer[]) array.getArray());
    }
}

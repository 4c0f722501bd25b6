package io.billstream.notification.sms;

import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The sandbox SMS provider: sends nothing, keeps each SMS it is given, so that merchants and tests read back what their
 * customers would have received. Like a real provider it refuses a number that is not in E.164 form, for good. Its
 * fault switch {@link #down(boolean)} rehearses an outage: every SMS is then refused for now. It is the provider unless
 * {@code billstream.notifications.sms.provider} names another.
 */
@Component
@ConditionalOnProperty(name = "billstream.notifications.sms.provider", havingValue = "sandbox", matchIfMissing = true)
public class SandboxSms implements SmsProvider {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile boolean down;

    SandboxSms(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What the sandbox kept: an SMS as the customer would have received it. */
    public record SentSms(
            UUID id,
            @Schema(example = "+4915123456789") String to,
            @Schema(example = "Kaffeerösterei Berg GmbH") String sender,

            @Schema(
                    example = "Kaffeerösterei Berg GmbH: Wir haben Ihre Zahlung über 119,00 € für die Bestellung"
                            + " ORD-2026-0042 erhalten. Rechnung und Beleg: https://pay.example.com/portal/orders/42")
            String text,

            Instant sentAt) {}

    @Override
    public void send(Sms sms) {
        if (down) {
            throw new SmsNotSent("the sandbox SMS provider is down", false);
        }
        if (!E164.matcher(sms.to()).matches()) {
            throw new SmsNotSent("'" + sms.to() + "' is not a phone number in E.164 form", true);
        }
        jdbc.sql("""
                        INSERT INTO sandbox_sms (id, merchant_id, recipient, sender, text, sent_at)
                        VALUES (:id, :merchantId, :to, :sender, :text, :now) ON CONFLICT (id) DO NOTHING""")
                .param("id", sms.id())
                .param("merchantId", sms.merchantId())
                .param("to", sms.to())
                .param("sender", sms.sender())
                .param("text", sms.text())
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /** The merchant's SMS the sandbox kept, to one number when given, newest first; at most 200. */
    public List<SentSms> sent(UUID merchantId, String to) {
        return jdbc.sql("""
                        SELECT id, recipient, sender, text, sent_at FROM sandbox_sms
                        WHERE merchant_id = :merchantId AND (CAST(:to AS text) IS NULL OR recipient = :to)
                        ORDER BY sent_at DESC LIMIT 200""")
                .param("merchantId", merchantId)
                .param("to", to)
                .query((row, number) -> new SentSms(
                        row.getObject("id", UUID.class),
                        row.getString("recipient"),
                        row.getString("sender"),
                        row.getString("text"),
                        row.getTimestamp("sent_at").toInstant()))
                .list();
    }

    /** Fault switch: while down, every SMS is refused as a provider outage would refuse it. */
    public void down(boolean down) {
        this.down = down;
    }
}

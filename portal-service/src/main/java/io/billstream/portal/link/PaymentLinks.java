package io.billstream.portal.link;

import io.billstream.portal.notify.SecretOutbox;
import io.billstream.portal.token.ServerKeys;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Payment links. The URL's token is the link's id and a 128-bit MAC over the id, merchant, order, customer, purpose
 * and expiry, so it is short enough for an SMS and any byte changed in it, or any bound field changed in the database,
 * makes it worthless. The link is sent to the customer through the {@link SecretOutbox}, never on Kafka.
 */
@Service
public class PaymentLinks {

    /** What a link is for: paying an order (the checkout), or looking after it once paid (the order portal). */
    public static final String PURPOSE = "ORDER";

    private static final String MAC_PURPOSE = "payment-link";
    private static final int MAC_BYTES = 16;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ServerKeys keys;
    private final SecretOutbox outbox;
    private final Duration validity;
    private final String publicUrl;

    PaymentLinks(
            JdbcClient jdbc,
            Clock clock,
            ServerKeys keys,
            SecretOutbox outbox,
            @Value("${billstream.portal.payment-links.validity:14d}") Duration validity,
            @Value("${billstream.portal.public-url}") String publicUrl) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.keys = keys;
        this.outbox = outbox;
        this.validity = validity;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** A link made and queued for the customer. */
    public record Issued(UUID id, UUID orderId, UUID customerId, String url, Instant expiresAt) {}

    /** What an opened link stands for. */
    public record Opened(UUID linkId, UUID merchantId, UUID orderId, UUID customerId) {}

    /** Makes a link to the order for its customer and queues it to be emailed (and texted, where the merchant does). */
    @Transactional
    public Issued issue(UUID merchantId, UUID orderId, UUID customerId, String createdBy) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        // Whole seconds, as the MAC covers the expiry and the database keeps microseconds.
        Instant expiresAt = now.plus(validity).truncatedTo(ChronoUnit.SECONDS);
        jdbc.sql("""
                        INSERT INTO payment_link (id, merchant_id, order_id, customer_id, purpose, created_at,
                                                  expires_at, created_by)
                        VALUES (:id, :merchant, :order, :customer, :purpose, :now, :expires, :by)
                        """)
                .param("id", id)
                .param("merchant", merchantId)
                .param("order", orderId)
                .param("customer", customerId)
                .param("purpose", PURPOSE)
                .param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(expiresAt))
                .param("by", createdBy)
                .update();
        String url = publicUrl + "/pay/" + token(id, merchantId, orderId, customerId, PURPOSE, expiresAt);
        outbox.queue(
                id, "payment-link", merchantId, customerId, orderId, new SecretOutbox.Secret(url, true, expiresAt));
        return new Issued(id, orderId, customerId, url, expiresAt);
    }

    /** The link a token names while it is intact and unexpired; empty for a tampered, unknown or expired one. */
    public Optional<Opened> open(String token) {
        int dot = token.indexOf('.');
        if (dot < 0 || token.length() > 100) {
            return Optional.empty();
        }
        byte[] idBytes;
        byte[] presented;
        try {
            idBytes = Base64.getUrlDecoder().decode(token.substring(0, dot));
            presented = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (idBytes.length != 16 || presented.length != MAC_BYTES) {
            return Optional.empty();
        }
        Base64.Encoder canonical = Base64.getUrlEncoder().withoutPadding();
        if (!token.equals(canonical.encodeToString(idBytes) + "." + canonical.encodeToString(presented))) {
            // Base64's last character carries unused bits: a token that differs there decodes alike, and is refused.
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(idBytes);
        UUID id = new UUID(buffer.getLong(), buffer.getLong());
        return jdbc.sql(
                        "SELECT merchant_id, order_id, customer_id, purpose, expires_at FROM payment_link WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> new Row(
                        rs.getObject("merchant_id", UUID.class),
                        rs.getObject("order_id", UUID.class),
                        rs.getObject("customer_id", UUID.class),
                        rs.getString("purpose"),
                        rs.getTimestamp("expires_at").toInstant()))
                .optional()
                .filter(row -> MessageDigest.isEqual(
                        mac(id, row.merchantId(), row.orderId(), row.customerId(), row.purpose(), row.expiresAt()),
                        presented))
                .filter(row -> clock.instant().isBefore(row.expiresAt()))
                .map(row -> new Opened(id, row.merchantId(), row.orderId(), row.customerId()));
    }

    private String token(UUID id, UUID merchantId, UUID orderId, UUID customerId, String purpose, Instant expiresAt) {
        byte[] idBytes = ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .array();
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(idBytes) + "."
                + base64.encodeToString(mac(id, merchantId, orderId, customerId, purpose, expiresAt));
    }

    private byte[] mac(UUID id, UUID merchantId, UUID orderId, UUID customerId, String purpose, Instant expiresAt) {
        String bound = String.join(
                "|",
                id.toString(),
                merchantId.toString(),
                orderId.toString(),
                customerId.toString(),
                purpose,
                Long.toString(expiresAt.getEpochSecond()));
        return Arrays.copyOf(keys.mac(MAC_PURPOSE, bound), MAC_BYTES);
    }

    private record Row(UUID merchantId, UUID orderId, UUID customerId, String purpose, Instant expiresAt) {}
}

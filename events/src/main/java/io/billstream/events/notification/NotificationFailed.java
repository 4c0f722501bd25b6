package io.billstream.events.notification;

import io.billstream.events.OptionalField;
import java.time.Instant;
import java.util.UUID;

/**
 * A message could not be delivered and will not be tried again: the address was refused, every retry failed, or the
 * code or link it carried expired before it could be sent (then {@code attempts} may be 0).
 *
 * @param reason what the mail server or provider said last
 */
public record NotificationFailed(
        UUID customerId,
        UUID notificationId,
        @OptionalField UUID orderId,
        NotificationChannel channel,
        String template,
        int attempts,
        String reason,
        Instant failedAt) {}

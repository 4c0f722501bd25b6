package io.billstream.events.notification;

import io.billstream.events.OptionalField;
import java.time.Instant;
import java.util.UUID;

/**
 * A message reached the customer's mail server or SMS provider.
 *
 * @param template what it told, such as {@code payment-approved}
 * @param orderId the order it is about; absent for messages about the customer alone
 * @param attempts how many sends it took, from 1
 */
public record NotificationSent(
        UUID customerId,
        UUID notificationId,
        @OptionalField UUID orderId,
        NotificationChannel channel,
        String template,
        int attempts,
        Instant sentAt) {}

package io.billstream.events.notification;

/** How a message reaches a customer. */
public enum NotificationChannel {
    EMAIL,
    SMS
}

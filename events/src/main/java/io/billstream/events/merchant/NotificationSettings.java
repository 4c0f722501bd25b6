package io.billstream.events.merchant;

/**
 * The customer notifications a merchant may switch off (all others are always sent), and whether SMS goes out beside
 * email.
 */
public record NotificationSettings(
        boolean billingEventRescheduled, boolean billingEventSkipped, boolean billingEventsMerged, boolean sms) {}

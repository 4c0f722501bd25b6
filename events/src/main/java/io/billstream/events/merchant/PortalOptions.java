package io.billstream.events.merchant;

/** What customers may do to their subscriptions themselves in the portal. */
public record PortalOptions(boolean customersMayPause, boolean customersMayResume, boolean customersMayCancel) {}

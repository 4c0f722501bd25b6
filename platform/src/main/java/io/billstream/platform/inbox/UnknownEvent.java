package io.billstream.platform.inbox;

/**
 * An event whose type this build does not know: published by a newer producer. Listeners ignore it through
 * {@link EventListener}'s default handler; it is not an error.
 */
public record UnknownEvent(String type) {}

package io.billstream.events.billing;

/** A soft decline may succeed on a retry; a hard decline needs a new card. */
public enum DeclineKind {
    SOFT,
    HARD
}

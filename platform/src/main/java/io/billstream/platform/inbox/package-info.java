/** Idempotent consumers: each event id applied once per consumer, failures retried, then dead-lettered and replayable. */
package io.billstream.platform.inbox;

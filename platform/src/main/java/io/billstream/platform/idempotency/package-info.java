/** Idempotency-Key support for POST endpoints: a retried request replays the first response instead of acting twice. */
package io.billstream.platform.idempotency;

/** Transactional outbox: events stored with the state change, relayed to Kafka in order per key. */
package io.billstream.platform.outbox;

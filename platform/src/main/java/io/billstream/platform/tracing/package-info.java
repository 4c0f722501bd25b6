/** Request ids and trace context carried through HTTP, logs and Kafka. */
package io.billstream.platform.tracing;

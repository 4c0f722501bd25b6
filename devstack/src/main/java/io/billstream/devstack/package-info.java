/** The one-command local platform: real PostgreSQL, Kafka and SMTP, and every service as its own process. */
package io.billstream.devstack;

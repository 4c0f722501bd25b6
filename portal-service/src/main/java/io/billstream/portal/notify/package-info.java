/** What portal-service asks notification-service to send: the messages that carry a secret, over HTTP, never Kafka. */
package io.billstream.portal.notify;

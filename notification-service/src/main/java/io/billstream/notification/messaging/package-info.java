/** Adapters that feed notification-service from the other services' events. */
package io.billstream.notification.messaging;

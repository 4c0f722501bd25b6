/** Adapters that feed orders from other services' events. */
package io.billstream.order.order.messaging;

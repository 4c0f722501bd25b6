/** Adapters that feed the order copies and schedules from order-service's events. */
package io.billstream.billing.billingevent.messaging;

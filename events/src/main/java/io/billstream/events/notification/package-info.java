/** Events about customer messages, published on {@link io.billstream.events.Topics#NOTIFICATIONS} keyed by customer id. */
package io.billstream.events.notification;

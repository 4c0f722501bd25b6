/** Events about customers' cards, published on {@link io.billstream.events.Topics#PAYMENT_METHODS} keyed by customer id. */
package io.billstream.events.card;

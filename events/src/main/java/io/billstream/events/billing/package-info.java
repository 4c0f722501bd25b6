/** Events about billing events and payments, published on {@link io.billstream.events.Topics#BILLING} keyed by order id. */
package io.billstream.events.billing;

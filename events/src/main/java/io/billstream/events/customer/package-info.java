/** Events about customers, published on {@link io.billstream.events.Topics#CUSTOMERS} keyed by customer id. */
package io.billstream.events.customer;

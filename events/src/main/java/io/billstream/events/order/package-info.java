/** Events about orders, published on {@link io.billstream.events.Topics#ORDERS} keyed by order id. */
package io.billstream.events.order;

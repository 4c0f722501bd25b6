/** What customers do in the portal, published on {@link io.billstream.events.Topics#PORTAL} keyed by customer id. */
package io.billstream.events.portal;

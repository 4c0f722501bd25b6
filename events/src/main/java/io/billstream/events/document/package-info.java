/** Events about documents, published on {@link io.billstream.events.Topics#DOCUMENTS} keyed by order id. */
package io.billstream.events.document;

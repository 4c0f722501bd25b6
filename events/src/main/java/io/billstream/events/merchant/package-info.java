/** Events about merchants, published on {@link io.billstream.events.Topics#MERCHANTS} keyed by merchant id. */
package io.billstream.events.merchant;

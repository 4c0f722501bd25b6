/** Merchants: the tenants of the platform and the settings every other service copies. */
package io.billstream.order.merchant;

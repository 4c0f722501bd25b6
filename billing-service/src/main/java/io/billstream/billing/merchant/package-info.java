/** What billing-service keeps of its merchants: the time zone billing events are collected in. */
package io.billstream.billing.merchant;

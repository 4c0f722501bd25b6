/** Customers' cards, as the processor's tokens with what may be shown of them. */
package io.billstream.billing.card;

/** Copies of merchants, customers and orders: who messages go to, in which language, on whose behalf. */
package io.billstream.notification.recipient;

/** Copies of merchants, customers and orders, fed by events, so that documents are issued while the other services are down. */
package io.billstream.document.copy;

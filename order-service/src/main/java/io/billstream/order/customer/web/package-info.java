/** HTTP adapter of customers: merchants manage theirs, a customer changes its own details through the portal. */
package io.billstream.order.customer.web;

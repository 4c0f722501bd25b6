/** Customers: the people a merchant bills, with the contact details every message and document uses. */
package io.billstream.order.customer;

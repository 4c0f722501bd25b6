/** order-service: Merchants, customers, orders and their lifecycle; the order status every other part of the platform reflects. */
package io.billstream.order;

/** Orders: the purchase a customer makes and the status every other part of the platform reflects. */
package io.billstream.order.order;

/** Billing events: every scheduled payment of an order, and the copies of orders their schedules start from. */
package io.billstream.billing.billingevent;

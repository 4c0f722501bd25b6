/**
 * Orders as portal-service needs them: a copy fed by order-service's events (whose an order is, its status), and
 * order-service's own answer, asked with the merchant's token, when a merchant sends a payment link.
 */
package io.billstream.portal.order;

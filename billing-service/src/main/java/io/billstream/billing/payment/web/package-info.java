/** The merchant's API of transactions, payments and refunds. */
package io.billstream.billing.payment.web;

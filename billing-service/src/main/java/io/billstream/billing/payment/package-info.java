/**
 * Transactions: every attempt to move money or check a card (the billing run's charges, first steps, captures,
 * refunds), stored with its idempotency key before the processor is asked; listing them and refunding payments.
 */
package io.billstream.billing.payment;

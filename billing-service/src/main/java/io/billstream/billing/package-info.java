/** billing-service: Billing events of every order's schedule, the billing run, cards and the payment processor. */
package io.billstream.billing;

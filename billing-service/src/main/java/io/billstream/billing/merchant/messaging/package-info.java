/** Adapters that feed the merchant copies from order-service's events. */
package io.billstream.billing.merchant.messaging;

/** The API of a customer's cards, for the merchant and for the customer itself. */
package io.billstream.billing.card.web;

/** The sandbox processor's hosted card fields: the only place a card number is accepted. */
package io.billstream.billing.processor.sandbox.web;

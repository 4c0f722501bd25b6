/** The payment processor port: charges, authorisations, captures, verifications, refunds and their outcomes. */
package io.billstream.billing.processor;

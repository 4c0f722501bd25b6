/**
 * Signing customers in by a code emailed to them. No answer, and no difference in the work done, tells whether an
 * email belongs to a customer.
 */
package io.billstream.portal.signin;

/**
 * Customers' portal accounts: the merchant's invitation, the password the customer chooses (Argon2id), the email
 * confirmation, sign-in by email and password, changing the password and resetting a forgotten one. Emailed links are
 * single use and stored hashed; no answer tells whether an email has an account.
 */
package io.billstream.portal.account;

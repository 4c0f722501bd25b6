/**
 * Customers' portal sessions, kept in PostgreSQL, and the CSRF tokens of the portal's forms. The pages read the session
 * from its cookie; every sign-in starts a new one, so a session id planted before sign-in is worth nothing after it.
 */
package io.billstream.portal.session;

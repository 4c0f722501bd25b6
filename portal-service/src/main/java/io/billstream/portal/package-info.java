/** portal-service: The customer portal and the auth service: sign-in, payment links, merchant API keys, token issuing. */
package io.billstream.portal;

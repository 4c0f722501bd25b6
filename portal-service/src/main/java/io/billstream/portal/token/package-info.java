/** The platform's only token issuer: its signing keys, their rotation and JWKS, and the internal tokens it signs. */
package io.billstream.portal.token;

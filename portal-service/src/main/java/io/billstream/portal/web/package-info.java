/** portal-service's HTTP API: the JWKS, the token exchange for the gateway, merchants' API keys. */
package io.billstream.portal.web;

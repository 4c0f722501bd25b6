/** Rate limits per API key and per client address, stricter on the sign-in routes. */
package io.billstream.gateway.limit;

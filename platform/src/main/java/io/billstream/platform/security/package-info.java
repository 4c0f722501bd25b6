/** Internal-token verification and the caller (merchant, customer or service) every request acts for. */
package io.billstream.platform.security;

/** Merchants' API keys: created, shown once, stored hashed, revoked; and their exchange for merchant tokens. */
package io.billstream.portal.apikey;

/** Who calls: a merchant's API key or the operator's credential, exchanged at portal-service for an internal token. */
package io.billstream.gateway.auth;

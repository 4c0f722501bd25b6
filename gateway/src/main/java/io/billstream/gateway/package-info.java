/** The single entry point for merchants and customers: routes each request to the service that owns it. */
package io.billstream.gateway;

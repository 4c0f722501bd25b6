/** What the gateway adds around every exchange: a request id, and problem responses for its own errors. */
package io.billstream.gateway.web;

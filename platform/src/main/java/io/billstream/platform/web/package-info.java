/** Every HTTP error as application/problem+json (RFC 9457). */
package io.billstream.platform.web;

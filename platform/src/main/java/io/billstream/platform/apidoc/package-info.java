/** The OpenAPI document every service serves, describing its API as it is on the wire. */
package io.billstream.platform.apidoc;

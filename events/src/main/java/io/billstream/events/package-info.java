/** The event contract: envelope, topic and type names, and the value types events carry; no Spring. */
package io.billstream.events;

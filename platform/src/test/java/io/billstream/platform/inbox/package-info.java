/** Unit tests of the inbox rules. */
package io.billstream.platform.inbox;

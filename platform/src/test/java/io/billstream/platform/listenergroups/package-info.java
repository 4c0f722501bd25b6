/** A service whose two listeners would split one topic between them, which the platform refuses. */
package io.billstream.platform.listenergroups;

/**
 * Read-your-writes across services: an owner tells how far each subject's events have gone, and a follower waits for
 * its event-fed copy to get there before it acts on it (ADR 13).
 */
package io.billstream.platform.copy;

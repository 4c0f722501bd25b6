/** What portal-service keeps of other services' events: the merchants, and which customer an email belongs to. */
package io.billstream.portal.directory;

/** Payment links: signed, expiring, bound to one order, its customer and their purpose; opened into a session. */
package io.billstream.portal.link;

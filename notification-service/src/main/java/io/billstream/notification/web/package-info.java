/** The merchant's REST API for the delivery log. */
package io.billstream.notification.web;

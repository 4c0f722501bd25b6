/** The merchant's API of billing events. */
package io.billstream.billing.billingevent.web;

/** Tests of billing events and their schedules. */
package io.billstream.billing.billingevent;

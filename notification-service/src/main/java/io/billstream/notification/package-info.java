/** notification-service: Every customer message by email and SMS, localised, branded and logged. */
package io.billstream.notification;

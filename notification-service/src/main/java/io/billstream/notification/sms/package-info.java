/** SMS: the provider port, and the sandbox provider that keeps what it would send. */
package io.billstream.notification.sms;

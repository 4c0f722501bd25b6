/** The messages: written from templates, queued, sent over SMTP with retries, and logged. */
package io.billstream.notification.message;

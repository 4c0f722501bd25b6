/** Adapters that feed document-service from the other services' events: copies, and the documents outcomes call for. */
package io.billstream.document.messaging;

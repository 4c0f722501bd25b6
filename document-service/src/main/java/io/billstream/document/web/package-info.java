/** The merchant's and the customer's REST API for documents. */
package io.billstream.document.web;

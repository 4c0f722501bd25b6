/** document-service: Invoices, receipts, credit notes and order summaries as branded PDFs. */
package io.billstream.document;

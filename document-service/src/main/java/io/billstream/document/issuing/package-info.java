/** Issuing invoices, receipts and credit notes with gapless numbers, and order summaries. */
package io.billstream.document.issuing;

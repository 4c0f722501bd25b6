/** Drawing documents as PDFs in the customer's language, with the merchant's branding. */
package io.billstream.document.pdf;

/** The sandbox processor: a real adapter behind the processor port, with documented test cards. */
package io.billstream.billing.processor.sandbox;

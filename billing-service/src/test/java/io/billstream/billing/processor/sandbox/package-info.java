/** Tests of the sandbox processor. */
package io.billstream.billing.processor.sandbox;

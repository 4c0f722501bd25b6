/** The QUALITY.md measurements, each against a peer measured in the same run; run on demand. */
package io.billstream.benchmarks;

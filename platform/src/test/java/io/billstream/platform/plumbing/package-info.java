/** A minimal service on the platform, and the tests that hold the platform to its promises. */
package io.billstream.platform.plumbing;

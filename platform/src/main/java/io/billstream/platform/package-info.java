/** Shared Spring Boot auto-configuration every Billstream service runs on. */
package io.billstream.platform;

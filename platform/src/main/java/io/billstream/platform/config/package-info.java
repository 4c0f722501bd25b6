/** The one auto-configuration that wires the platform into a service, and the defaults every service starts from. */
package io.billstream.platform.config;

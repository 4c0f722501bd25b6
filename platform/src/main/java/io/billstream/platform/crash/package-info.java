/** Named places where the crash-point tests make a service process die at once. */
package io.billstream.platform.crash;

/** Health of the dependencies every service shares. */
package io.billstream.platform.health;

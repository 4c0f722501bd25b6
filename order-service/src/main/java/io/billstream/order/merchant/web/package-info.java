/** HTTP adapter of merchants: the platform operator creates them, each merchant reads and changes its own. */
package io.billstream.order.merchant.web;

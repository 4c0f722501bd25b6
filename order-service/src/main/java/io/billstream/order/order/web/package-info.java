/** HTTP adapter of orders: create, read, list and the timeline of each order. */
package io.billstream.order.order.web;

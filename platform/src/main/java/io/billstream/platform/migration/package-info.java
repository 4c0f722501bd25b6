/** Flyway migrations of the tables the platform itself keeps in each service database. */
package io.billstream.platform.migration;

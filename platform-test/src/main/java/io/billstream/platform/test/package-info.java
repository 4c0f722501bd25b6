/** Real PostgreSQL, Kafka and SMTP servers for tests and the devstack: containers when Docker answers, else embedded. */
package io.billstream.platform.test;

package io.billstream.platform.test;

import org.testcontainers.postgresql.PostgreSQLContainer;

/** PostgreSQL in a Testcontainers container, used where a Docker engine answers. */
final class ContainerDatabaseServer implements DatabaseServer {

    private final PostgreSQLContainer container;

    ContainerDatabaseServer() {
        container = new PostgreSQLContainer("postgres:17-alpine").withCommand("postgres", "-c", "max_connections=500");
        container.start();
    }

    @Override
    public JdbcCoordinates admin() {
        return new JdbcCoordinates(
                container.getHost(),
                container.getMappedPort(5432),
                "postgres",
                container.getUsername(),
                container.getPassword());
    }

    @Override
    public void close() {
        container.stop();
    }
}

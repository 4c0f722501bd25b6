package io.billstream.platform.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * PostgreSQL from zonky's binaries, run as a real server process. As root, zonky runs it in a user namespace, since
 * PostgreSQL refuses to run as root.
 */
public final class EmbeddedDatabaseServer implements DatabaseServer {

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabaseServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * A throw-away server on a free port, its data in a temporary directory, which the caller stops: zonky's own JVM
     * shutdown hook would stop it while the test contexts that use it still close, leaving them waiting on their
     * connection pools ({@link TestInfrastructure} stops it after them).
     */
    public static EmbeddedDatabaseServer start() {
        return start(0, null, false);
    }

    /**
     * A server on the given port (0 for a free one) keeping its data in {@code dataDirectory}, or in a temporary
     * directory when that is null.
     */
    public static EmbeddedDatabaseServer start(int port, Path dataDirectory) {
        return start(port, dataDirectory, true);
    }

    private static EmbeddedDatabaseServer start(int port, Path dataDirectory, boolean stopAtExit) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setRegisterShutdownHook(stopAtExit)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Tests and the devstack open a pool per service and context.
                    .setServerConfig("max_connections", "500")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off");
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            return new EmbeddedDatabaseServer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    @Override
    public JdbcCoordinates admin() {
        return new JdbcCoordinates("localhost", postgres.getPort(), "postgres", "postgres", "");
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

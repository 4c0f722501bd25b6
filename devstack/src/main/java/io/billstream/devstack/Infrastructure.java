package io.billstream.devstack;

import io.billstream.platform.test.DatabaseServer;
import io.billstream.platform.test.DatabaseServer.JdbcCoordinates;
import io.billstream.platform.test.EmbeddedDatabaseServer;
import io.billstream.platform.test.KafkaServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers the services depend on: PostgreSQL with a database per service, a Kafka broker and the mail server.
 * They start in parallel, since each takes seconds and none needs another, and stop in the reverse order.
 */
final class Infrastructure implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);

    private final DatabaseServer postgres;
    private final Map<Service, JdbcCoordinates> databases;
    private final KafkaServer kafka;
    private final MailServer mail;

    private Infrastructure(
            DatabaseServer postgres, Map<Service, JdbcCoordinates> databases, KafkaServer kafka, MailServer mail) {
        this.postgres = postgres;
        this.databases = databases;
        this.kafka = kafka;
        this.mail = mail;
    }

    record Plan(Path postgresData, int postgresPort, int smtpPort, int imapPort, int mailboxWebPort) {}

    static Infrastructure start(Plan plan) {
        ExecutorService starters = Executors.newFixedThreadPool(
                3, Thread.ofPlatform().name("devstack-start-", 1).factory());
        Future<DatabaseServer> postgres = starters.submit(
                timed("PostgreSQL", () -> EmbeddedDatabaseServer.start(plan.postgresPort(), plan.postgresData())));
        Future<KafkaServer> kafka = starters.submit(timed("Kafka", KafkaServer::embedded));
        Future<MailServer> mail = starters.submit(
                timed("Mail server", () -> MailServer.start(plan.smtpPort(), plan.imapPort(), plan.mailboxWebPort())));
        starters.shutdown();

        List<Started> started = new ArrayList<>();
        List<RuntimeException> failures = new ArrayList<>();
        DatabaseServer postgresServer = await("PostgreSQL", postgres, started, failures);
        KafkaServer kafkaServer = await("Kafka", kafka, started, failures);
        MailServer mailServer = await("Mail server", mail, started, failures);
        if (!failures.isEmpty()) {
            closeInReverse(started);
            RuntimeException failure = failures.getFirst();
            failures.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
        try {
            return new Infrastructure(postgresServer, createDatabases(postgresServer), kafkaServer, mailServer);
        } catch (RuntimeException e) {
            closeInReverse(started);
            throw e;
        }
    }

    JdbcCoordinates admin() {
        return postgres.admin();
    }

    Map<Service, JdbcCoordinates> databases() {
        return databases;
    }

    String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    MailServer mail() {
        return mail;
    }

    /** Mail first, then Kafka, then PostgreSQL: the reverse of what the services would miss first. */
    @Override
    public void close() {
        closeQuietly("Mail server", mail);
        closeQuietly("Kafka", kafka);
        closeQuietly("PostgreSQL", postgres);
    }

    /**
     * One database per service. The data directory outlives the devstack, so a database may already be there, with the
     * data of the last session in it; it is kept.
     */
    private static Map<Service, JdbcCoordinates> createDatabases(DatabaseServer server) {
        Map<Service, JdbcCoordinates> databases = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            service.database().ifPresent(name -> {
                if (exists(server.admin(), name)) {
                    log.info("Reusing database '{}' of {}", name, service.moduleName());
                    databases.put(service, server.admin().withDatabase(name));
                } else {
                    log.info("Created database '{}' for {}", name, service.moduleName());
                    databases.put(service, server.createDatabase(name));
                }
            });
        }
        return Collections.unmodifiableMap(databases);
    }

    private static boolean exists(JdbcCoordinates admin, String database) {
        try (Connection connection = DriverManager.getConnection(admin.url(), admin.username(), admin.password());
                PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (ResultSet result = query.executeQuery()) {
                return result.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the databases of " + admin.url(), e);
        }
    }

    private static <T> Callable<T> timed(String what, Callable<T> start) {
        return () -> {
            long begin = System.nanoTime();
            T server = start.call();
            log.info("{} started in {} ms", what, (System.nanoTime() - begin) / 1_000_000);
            return server;
        };
    }

    private record Started(String name, AutoCloseable server) {}

    private static <T extends AutoCloseable> T await(
            String name, Future<T> future, List<Started> started, List<RuntimeException> failures) {
        try {
            T server = future.get();
            started.add(new Started(name, server));
            return server;
        } catch (ExecutionException e) {
            failures.add(new IllegalStateException(name + " did not start", e.getCause()));
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add(new IllegalStateException(name + " did not start: interrupted", e));
            return null;
        }
    }

    private static void closeInReverse(List<Started> started) {
        for (Started server : started.reversed()) {
            closeQuietly(server.name(), server.server());
        }
    }

    private static void closeQuietly(String what, AutoCloseable server) {
        try {
            server.close();
            log.info("{} stopped", what);
        } catch (Exception e) {
            log.warn("{} did not stop cleanly", what, e);
        }
    }
}

package io.billstream.platform.test;

import io.billstream.platform.test.DatabaseServer.JdbcCoordinates;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.testcontainers.DockerClientFactory;

/**
 * The servers of one test JVM, started on first use and stopped when the JVM exits. Containers when a Docker engine
 * answers, embedded servers otherwise; the tests cannot tell the difference.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static final AtomicInteger databases = new AtomicInteger();

    private static volatile boolean servingContexts;

    private static DatabaseServer database;
    private static KafkaServer kafka;

    private TestInfrastructure() {}

    public static synchronized DatabaseServer database() {
        if (database == null) {
            database = useContainers() ? new ContainerDatabaseServer() : EmbeddedDatabaseServer.start();
            stopAtExit(database::close);
        }
        return database;
    }

    public static synchronized KafkaServer kafka() {
        if (kafka == null) {
            kafka = useContainers() ? KafkaServer.container() : KafkaServer.embedded();
            stopAtExit(kafka::close);
        }
        return kafka;
    }

    /**
     * Stops a server once, when the JVM exits. Where test contexts use it, after Spring Boot's shutdown hook has closed
     * them (Boot runs its shutdown handlers after that): stopped at the same time, the contexts' consumers and pools
     * waited on a broker and a database going away, and the test JVM did not end until the build tool killed it. Where
     * no context ran, Boot's hook does not run either, and a hook of its own stops the server.
     */
    static void stopAtExit(Runnable stop) {
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable once = () -> {
            if (stopped.compareAndSet(false, true)) {
                stop.run();
            }
        };
        SpringApplication.getShutdownHandlers().add(once);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            if (!servingContexts) {
                                once.run();
                            }
                        },
                        "test-infrastructure-stop"));
    }

    /** Called for each test context that uses the servers: they are then stopped after Boot closed the contexts. */
    static void servesTestContexts() {
        servingContexts = true;
    }

    /** A new, empty database on the shared server. */
    public static JdbcCoordinates newDatabase() {
        return database().createDatabase("test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet());
    }

    private static Boolean containers;

    private static synchronized boolean useContainers() {
        if (containers == null) {
            String choice = System.getProperty("billstream.test.infrastructure", "auto");
            containers = switch (choice) {
                case "containers" -> true;
                case "embedded" -> false;
                default -> dockerAnswers();
            };
            log.info("Test infrastructure uses {}", containers ? "Testcontainers" : "embedded servers");
        }
        return containers;
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            log.debug("No Docker engine: {}", e.toString());
            return false;
        }
    }
}

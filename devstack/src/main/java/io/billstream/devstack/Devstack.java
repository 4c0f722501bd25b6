package io.billstream.devstack;

import io.billstream.platform.test.DatabaseServer.JdbcCoordinates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * The whole platform on one machine, without Docker. From the root of the checkout:
 *
 * <pre>./mvnw -q -DskipTests package &amp;&amp; java -jar devstack/target/devstack-0.1.0-SNAPSHOT.jar</pre>
 *
 * <p>Starts a real PostgreSQL (data kept in {@code .devstack/postgres}, one database per service), a real Kafka broker
 * (KRaft, in this JVM) and a real SMTP server, then every service as its own {@code java -jar} process with its output
 * in {@code .devstack/logs/<service>.log}; waits until each answers its readiness probe, prints what runs where and
 * writes it to {@code .devstack/endpoints.properties}. Ctrl-C stops the services, then the servers. With
 * {@code --exit-when-healthy} it stops by itself once everything is healthy, which measures the time to healthy.
 */
public final class Devstack {

    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final int LOG_TAIL_LINES = 40;

    private static final int POSTGRES_PORT = 5432;
    private static final int SMTP_PORT = 3025;
    private static final int IMAP_PORT = 3143;
    private static final int MAILBOX_WEB_PORT = 8025;

    // Not static: logging is configured in main, before the first logger exists.
    private final Logger log = LoggerFactory.getLogger(Devstack.class);

    private final DevstackOptions options;
    private final Path root;
    private final Path stateDirectory;
    private final Path logDirectory;
    private final Path postgresData;
    private final Leftovers leftovers;

    // Referenced so that it is never collected, which would close it and release the lock.
    private FileChannel stateLock;

    private final Object lifecycle = new Object();
    // Read without the lifecycle lock by a second Ctrl-C, which must not wait for the first one's orderly stop.
    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();
    private Infrastructure infrastructure;
    private boolean stopped;
    private volatile boolean stopping;

    private Devstack(DevstackOptions options, Path root) {
        this.options = options;
        this.root = root;
        this.stateDirectory = root.resolve(".devstack");
        this.logDirectory = stateDirectory.resolve("logs");
        this.postgresData = stateDirectory.resolve("postgres");
        this.leftovers = new Leftovers(stateDirectory, postgresData);
    }

    public static void main(String[] args) {
        Optional<Path> root = RepositoryRoot.locate();
        // Read by logback.xml; must be set before the first logger is created.
        System.setProperty(
                "devstack.logs",
                root.map(dir -> dir.resolve(".devstack").resolve("logs"))
                        .orElse(Path.of(System.getProperty("java.io.tmpdir"), "billstream-devstack"))
                        .toString());
        Logger log = LoggerFactory.getLogger(Devstack.class);

        DevstackOptions options;
        try {
            options = DevstackOptions.parse(args);
        } catch (IllegalArgumentException e) {
            log.error("{}\n{}", e.getMessage(), DevstackOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            log.info("\n{}", DevstackOptions.USAGE);
            return;
        }
        if (root.isEmpty()) {
            log.error("Cannot find the Billstream checkout (a directory with mvnw and pom.xml) above the working"
                    + " directory or the devstack jar: run the devstack from the root of the checkout.");
            System.exit(2);
            return;
        }
        System.exit(new Devstack(options, root.get()).run());
    }

    private int run() {
        installStopHandlers();
        try {
            // Held until this JVM ends, however it ends; the operating system then releases it.
            if (!lockStateDirectory()) {
                return 1;
            }
            start();
            if (options.exitWhenHealthy()) {
                log.info("Stopping again, as asked by --exit-when-healthy");
                return 0;
            }
            log.info("Stop with Ctrl-C.");
            watchUntilStopped();
            return 0;
        } catch (StopRequested e) {
            return 0;
        } catch (StartupFailure e) {
            if (stopping) {
                return 0;
            }
            log.error(e.getMessage());
            return 1;
        } catch (RuntimeException | IOException e) {
            if (stopping) {
                return 0;
            }
            log.error("The devstack did not start: {}", e.getMessage(), e);
            return 1;
        } finally {
            // Also when a signal is stopping the devstack: this waits for that stop to finish, so that main cannot
            // end the JVM (and start the shutdown hooks, embedded PostgreSQL's among them) in the middle of it.
            stop();
        }
    }

    private void start() throws IOException {
        log.info("Starting the Billstream devstack in {}", root);
        Files.createDirectories(logDirectory);
        Path endpointsFile = stateDirectory.resolve(Endpoints.FILE_NAME);
        // Describes the last devstack that was healthy; it must not pass for this one while it starts.
        Files.deleteIfExists(endpointsFile);
        leftovers.stop();
        if (options.fresh()) {
            deleteRecursively(postgresData);
            // They belong with the data: the encryption key with the signing keys it encrypted.
            Files.deleteIfExists(stateDirectory.resolve(Secrets.FILE_NAME));
        }
        Secrets secrets = Secrets.of(stateDirectory);

        Map<Service, Path> jars = new EnumMap<>(Service.class);
        List<String> missing = new ArrayList<>();
        for (Service service : Service.values()) {
            try {
                jars.put(service, service.executableJar(root));
            } catch (IllegalStateException e) {
                missing.add(e.getMessage());
            }
        }
        if (!missing.isEmpty()) {
            throw new StartupFailure(String.join(System.lineSeparator(), missing) + System.lineSeparator()
                    + "Build the services first, from " + root + ": ./mvnw -q -DskipTests package");
        }

        Ports ports = new Ports();
        Infrastructure.Plan plan = new Infrastructure.Plan(
                postgresData,
                port(ports, "PostgreSQL", POSTGRES_PORT),
                port(ports, "SMTP", SMTP_PORT),
                port(ports, "IMAP", IMAP_PORT),
                port(ports, "the mailbox web page", MAILBOX_WEB_PORT));
        Map<Service, Integer> servicePorts = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            servicePorts.put(service, port(ports, service.moduleName(), service.preferredPort()));
        }

        log.info("Starting PostgreSQL, Kafka and the mail server");
        register(Infrastructure.start(plan));

        log.info(
                "Starting the services: {}",
                servicePorts.entrySet().stream()
                        .map(entry -> entry.getKey().moduleName() + " on " + entry.getValue())
                        .collect(Collectors.joining(", ")));
        for (Service service : Service.values()) {
            int port = servicePorts.get(service);
            register(ServiceProcess.launch(
                    service,
                    port,
                    jars.get(service),
                    arguments(service, port, servicePorts, secrets),
                    logDirectory,
                    stateDirectory.resolve("work").resolve(service.moduleName())));
        }
        leftovers.remember(services);

        awaitReadiness();
        Duration healthyAfter =
                Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
        Endpoints endpoints = Endpoints.of(infrastructure, services, secrets, stateDirectory, healthyAfter);
        endpoints.write(endpointsFile);
        log.info("\n\n{}", endpoints.table());
    }

    /**
     * Everything a service needs to find the servers and the other services; the rest comes from its own
     * {@code application.yml}. The working directory of each service is {@code .devstack/work/<service>}, so an
     * {@code application.yml} placed there overrides settings for the devstack only.
     */
    private List<String> arguments(Service service, int port, Map<Service, Integer> servicePorts, Secrets secrets) {
        List<String> arguments = new ArrayList<>();
        arguments.add("--server.port=" + port);
        // portal-service issues every internal token; the others verify them against its keys.
        String issuer = "http://localhost:" + servicePorts.get(Service.PORTAL);
        arguments.add("--billstream.security.issuer=" + issuer);
        arguments.add("--billstream.security.jwks-uri=" + issuer + "/.well-known/jwks.json");
        if (service == Service.PORTAL) {
            arguments.add("--billstream.portal.signing.key-encryption-key=" + secrets.keyEncryptionKey());
            arguments.add("--billstream.portal.operator-credential=" + secrets.operatorCredential());
            arguments.add("--billstream.portal.notification-service-url=http://localhost:"
                    + servicePorts.get(Service.NOTIFICATION));
            arguments.add("--billstream.portal.public-url=http://localhost:" + servicePorts.get(Service.GATEWAY));
            arguments.add("--billstream.portal.order-service-url=http://localhost:" + servicePorts.get(Service.ORDER));
            secrets.serviceCredentials()
                    .forEach((caller, credential) ->
                            arguments.add("--billstream.portal.service-credentials." + caller + "=" + credential));
        }
        if (service != Service.GATEWAY) {
            // Where the other services answer, and this service's own credential to call them with (ADR 13).
            servicePorts.forEach((other, otherPort) -> {
                if (other != Service.GATEWAY) {
                    arguments.add("--billstream.services." + other.moduleName() + "=http://localhost:" + otherPort);
                }
            });
            arguments.add("--billstream.services.token-uri=" + issuer + "/internal/v1/tokens");
            String credential = secrets.serviceCredentials().get(service.moduleName());
            if (credential != null) {
                arguments.add("--billstream.services.credential=" + credential);
            }
        }
        // Spring Boot only exposes the readiness group on Kubernetes unless asked to.
        arguments.add("--management.endpoint.health.probes.enabled=true");
        service.database().ifPresent(name -> {
            JdbcCoordinates database = infrastructure.databases().get(service);
            arguments.add("--spring.datasource.url=" + database.url());
            arguments.add("--spring.datasource.username=" + database.username());
            arguments.add("--spring.datasource.password=" + database.password());
        });
        arguments.add("--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers());
        if (service.sendsMail()) {
            arguments.add("--spring.mail.host=" + MailServer.HOST);
            arguments.add("--spring.mail.port=" + infrastructure.mail().smtpPort());
        }
        if (service == Service.GATEWAY) {
            servicePorts.forEach((target, targetPort) -> {
                if (target != Service.GATEWAY) {
                    arguments.add(
                            "--billstream.gateway.routes." + target.moduleName() + "=http://localhost:" + targetPort);
                }
            });
        }
        return arguments;
    }

    private int port(Ports ports, String what, int preferred) {
        int port = ports.preferredOrFree(preferred);
        if (port != preferred) {
            log.warn("Port {} is taken; {} gets port {}", preferred, what, port);
        }
        return port;
    }

    /** Polls every service until each answers its readiness probe, failing as soon as one exits or time runs out. */
    private void awaitReadiness() {
        Readiness readiness = new Readiness();
        long deadline = System.nanoTime() + options.readinessTimeout().toNanos();
        Set<ServiceProcess> pending = new LinkedHashSet<>(services);
        while (!pending.isEmpty()) {
            for (Iterator<ServiceProcess> it = pending.iterator(); it.hasNext(); ) {
                ServiceProcess service = it.next();
                if (stopping) {
                    throw new StopRequested();
                }
                if (!service.isAlive()) {
                    throw new StartupFailure("%s exited with code %d before it was ready. The end of %s:%n%s"
                            .formatted(
                                    service.service().moduleName(),
                                    service.exitCode(),
                                    service.logFile(),
                                    service.tail(LOG_TAIL_LINES)));
                }
                if (readiness.isReady(service.port())) {
                    log.info(
                            "{} is ready after {} (pid {})",
                            service.service().moduleName(),
                            Endpoints.seconds(service.runningFor()),
                            service.pid());
                    it.remove();
                }
            }
            if (!pending.isEmpty() && System.nanoTime() > deadline) {
                throw new StartupFailure(pending.stream()
                        .map(service -> "%s is not ready after %d s (%s). The end of %s:%n%s"
                                .formatted(
                                        service.service().moduleName(),
                                        options.readinessTimeout().toSeconds(),
                                        Readiness.url(service.port()),
                                        service.logFile(),
                                        service.tail(LOG_TAIL_LINES)))
                        .collect(Collectors.joining(System.lineSeparator() + System.lineSeparator())));
            }
            sleep(POLL_INTERVAL);
        }
    }

    /** While the devstack runs, says so when a service dies, instead of letting its URL silently go dark. */
    private void watchUntilStopped() {
        Set<ServiceProcess> reported = new HashSet<>();
        while (!stopping) {
            for (ServiceProcess service : services) {
                if (!stopping && !service.isAlive() && reported.add(service)) {
                    log.warn(
                            "{} exited with code {}; the rest keeps running. The end of {}:\n{}",
                            service.service().moduleName(),
                            service.exitCode(),
                            service.logFile(),
                            service.tail(LOG_TAIL_LINES));
                }
            }
            sleep(Duration.ofSeconds(1));
        }
    }

    /**
     * Ctrl-C and kill are handled here rather than only by a shutdown hook, because hooks run all at once: embedded
     * PostgreSQL registers one of its own, which would stop the database while the services still use it. The hook
     * remains for other ways the JVM may end.
     */
    private void installStopHandlers() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "devstack-shutdown"));
        for (String name : List.of("INT", "TERM", "HUP")) {
            try {
                Signal.handle(new Signal(name), signal -> onSignal(signal.getName()));
            } catch (IllegalArgumentException e) {
                log.debug("Signal='{}' is left to the shutdown hook: {}", name, e.getMessage());
            }
        }
    }

    private void onSignal(String name) {
        if (stopping) {
            log.warn("Asked again: killing the services instead of waiting for them");
            services.forEach(ServiceProcess::kill);
            return;
        }
        log.info("Received SIG{}: stopping (press Ctrl-C again to kill the services at once)", name);
        stop();
        System.exit(0);
    }

    private void register(Infrastructure started) {
        synchronized (lifecycle) {
            if (stopped) {
                started.close();
                throw new StopRequested();
            }
            infrastructure = started;
        }
    }

    private void register(ServiceProcess started) {
        synchronized (lifecycle) {
            if (stopped) {
                ServiceProcess.stopAll(List.of(started), STOP_GRACE);
                throw new StopRequested();
            }
            services.add(started);
        }
    }

    /** Services first, so none of them sees its database or broker vanish; then mail, Kafka, PostgreSQL. */
    private void stop() {
        stopping = true;
        synchronized (lifecycle) {
            if (stopped) {
                return;
            }
            stopped = true;
            if (!services.isEmpty()) {
                log.info("Stopping the services");
                ServiceProcess.stopAll(services, STOP_GRACE);
                leftovers.forget();
            }
            if (infrastructure != null) {
                infrastructure.close();
                log.info("Devstack stopped");
            }
        }
    }

    /**
     * One devstack per checkout: a second one would take over the first one's data directory and, believing them
     * left over, stop its services.
     */
    private boolean lockStateDirectory() throws IOException {
        Files.createDirectories(stateDirectory);
        FileChannel channel = FileChannel.open(
                stateDirectory.resolve("devstack.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            log.error(
                    "Another devstack is already running from {} (see {}); stop it first.",
                    root,
                    stateDirectory.resolve(Endpoints.FILE_NAME));
            return false;
        }
        stateLock = channel;
        return true;
    }

    private void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        log.info("Deleting the PostgreSQL data in {} (--fresh)", directory);
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StopRequested();
        }
    }

    /** A start that cannot succeed; its message says why and what to look at. */
    static final class StartupFailure extends RuntimeException {
        StartupFailure(String message) {
            super(message);
        }
    }

    /** Ctrl-C during the start: whoever pressed it is already stopping everything. */
    private static final class StopRequested extends RuntimeException {
        StopRequested() {
            super(null, null, false, false);
        }
    }
}

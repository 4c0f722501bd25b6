package io.billstream.devstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One service running as its own JVM, its output going to {@code .devstack/logs/<service>.log}. */
final class ServiceProcess {

    private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);

    /** JVM options for every service, e.g. {@code -Xmx256m} or an AOT cache; they replace the defaults below. */
    static final String JAVA_OPTS_VARIABLE = "DEVSTACK_JAVA_OPTS";

    /**
     * Six JVMs start at once on a developer's machine, often on few cores: the C1 compiler alone and the serial
     * collector cut the time to all healthy by a quarter (124 s to 93 s on 2 cores), and a local platform needs no
     * peak throughput. Benchmarks never run through the devstack.
     */
    static final List<String> DEFAULT_JAVA_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final Service service;
    private final int port;
    private final Path jar;
    private final Path logFile;
    private final Process process;
    private final long startedAt = System.nanoTime();

    private ServiceProcess(Service service, int port, Path jar, Path logFile, Process process) {
        this.service = service;
        this.port = port;
        this.jar = jar;
        this.logFile = logFile;
        this.process = process;
    }

    static ServiceProcess launch(
            Service service, int port, Path jar, List<String> arguments, Path logDirectory, Path workDirectory) {
        Path logFile = logDirectory.resolve(service.moduleName() + ".log");
        try {
            Files.createDirectories(workDirectory);
            keepPreviousLog(logFile);
            List<String> command = new ArrayList<>(newSessionPrefix());
            command.add(javaExecutable());
            command.addAll(extraJavaOptions());
            command.add("-jar");
            command.add(jar.toString());
            command.addAll(arguments);
            Process process = new ProcessBuilder(command)
                    .directory(workDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .start();
            log.debug("Started service='{}' pid='{}' command='{}'", service.moduleName(), process.pid(), command);
            return new ServiceProcess(service, port, jar, logFile, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service.moduleName(), e);
        }
    }

    Service service() {
        return service;
    }

    int port() {
        return port;
    }

    Path jar() {
        return jar;
    }

    Path logFile() {
        return logFile;
    }

    long pid() {
        return process.pid();
    }

    Duration runningFor() {
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitCode() {
        return process.exitValue();
    }

    /** Asks for a graceful shutdown (SIGTERM), which Spring Boot turns into an orderly close of the context. */
    void requestStop() {
        if (process.isAlive()) {
            process.destroy();
        }
    }

    boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(5));
    }

    /** The last lines of the service's log, to show why it did not come up. */
    String tail(int lines) {
        Deque<String> last = new ArrayDeque<>(lines);
        try (Stream<String> all = Files.lines(logFile, StandardCharsets.UTF_8)) {
            all.forEach(line -> {
                if (last.size() == lines) {
                    last.removeFirst();
                }
                last.addLast(line);
            });
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
        return last.isEmpty() ? "(the log is empty)" : String.join(System.lineSeparator(), last);
    }

    /**
     * The JVM the devstack itself runs on, so the services get the same Java version without any configuration.
     */
    private static String javaExecutable() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElseGet(() ->
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static List<String> extraJavaOptions() {
        String options = System.getenv(JAVA_OPTS_VARIABLE);
        return options == null || options.isBlank()
                ? DEFAULT_JAVA_OPTIONS
                : List.of(options.trim().split("\\s+"));
    }

    /**
     * On Linux each service gets a session of its own, so that Ctrl-C in the terminal reaches only the devstack,
     * which then stops the services before the servers they depend on, instead of everything dying at once.
     */
    private static List<String> newSessionPrefix() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return List.of();
        }
        return Stream.of("/usr/bin/setsid", "/bin/setsid")
                .filter(path -> Files.isExecutable(Path.of(path)))
                .findFirst()
                .map(List::of)
                .orElse(List.of());
    }

    private static void keepPreviousLog(Path logFile) throws IOException {
        if (Files.exists(logFile)) {
            Files.move(
                    logFile,
                    logFile.resolveSibling(logFile.getFileName() + ".previous"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static File nullDevice() {
        return new File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /**
     * Stops the services together: all are asked at once, then each gets what is left of the grace period before it
     * is killed.
     */
    static void stopAll(List<ServiceProcess> services, Duration grace) {
        services.forEach(ServiceProcess::requestStop);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ServiceProcess service : services) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (!service.awaitExit(left)) {
                log.warn(
                        "Service='{}' did not stop within {} s; killing pid='{}'",
                        service.service().moduleName(),
                        grace.toSeconds(),
                        service.pid());
                service.kill();
            }
        }
    }
}

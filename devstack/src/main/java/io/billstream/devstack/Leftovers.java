package io.billstream.devstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes a devstack that was killed outright (kill -9, a crashed IDE) could not stop: its services, which run in
 * sessions of their own, and PostgreSQL, which pg_ctl detaches. Left running they would hold the ports and the data
 * directory, and the next devstack would start beside them instead of in their place. A process is only stopped when
 * its command line proves it is ours: the service's jar, or PostgreSQL on our data directory.
 */
final class Leftovers {

    private static final Logger log = LoggerFactory.getLogger(Leftovers.class);
    private static final Duration GRACE = Duration.ofSeconds(15);

    private final Path processesFile;
    private final Path postgresData;

    Leftovers(Path stateDirectory, Path postgresData) {
        this.processesFile = stateDirectory.resolve("processes.properties");
        this.postgresData = postgresData;
    }

    /** Stops what the last devstack left behind: services first, then the database they were connected to. */
    void stop() {
        Properties processes = readProcesses();
        Map<String, ProcessHandle> services = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            String pid = processes.getProperty(service.moduleName() + ".pid");
            String jar = processes.getProperty(service.moduleName() + ".jar");
            if (pid != null && jar != null) {
                running(pid, jar).ifPresent(process -> services.put(service.moduleName(), process));
            }
        }
        stopTogether(services);
        postmasterPid()
                .flatMap(pid -> running(pid, postgresData.toString()))
                .ifPresent(process -> stopTogether(Map.of("PostgreSQL", process)));
        forget();
    }

    /** Remembers the services' processes, so that the next devstack can stop them if this one cannot. */
    void remember(List<ServiceProcess> services) {
        Properties processes = new Properties();
        for (ServiceProcess service : services) {
            processes.setProperty(service.service().moduleName() + ".pid", Long.toString(service.pid()));
            processes.setProperty(
                    service.service().moduleName() + ".jar", service.jar().toString());
        }
        try (Writer out = Files.newBufferedWriter(processesFile, StandardCharsets.UTF_8)) {
            processes.store(out, "Service processes of the running devstack");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void forget() {
        try {
            Files.deleteIfExists(processesFile);
        } catch (IOException e) {
            log.warn("Cannot delete file='{}'", processesFile, e);
        }
    }

    private Properties readProcesses() {
        Properties processes = new Properties();
        if (Files.isRegularFile(processesFile)) {
            try (Reader in = Files.newBufferedReader(processesFile, StandardCharsets.UTF_8)) {
                processes.load(in);
            } catch (IOException e) {
                log.warn("Cannot read file='{}'", processesFile, e);
            }
        }
        return processes;
    }

    /** PostgreSQL writes its process id on the first line of {@code postmaster.pid} and removes the file on exit. */
    private Optional<String> postmasterPid() {
        Path pidFile = postgresData.resolve("postmaster.pid");
        try {
            return Files.isRegularFile(pidFile)
                    ? Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream()
                            .findFirst()
                            .map(String::trim)
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<ProcessHandle> running(String pid, String mustAppearInCommandLine) {
        try {
            return ProcessHandle.of(Long.parseLong(pid))
                    .filter(ProcessHandle::isAlive)
                    .filter(process -> process.info()
                            .commandLine()
                            .map(line -> line.contains(mustAppearInCommandLine))
                            .orElse(false));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Asks all at once, then waits for each, since waiting on a process that is not our child means polling. */
    private static void stopTogether(Map<String, ProcessHandle> processes) {
        processes.forEach((what, process) -> {
            log.warn("A previous devstack left {} running pid='{}'; stopping it", what, process.pid());
            process.destroy();
        });
        long deadline = System.nanoTime() + GRACE.toNanos();
        processes.forEach((what, process) -> {
            try {
                process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                log.warn("{} pid='{}' did not stop within {} s; killing it", what, process.pid(), GRACE.toSeconds());
                process.destroyForcibly();
            }
        });
    }
}

package io.billstream.platform.test;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A service's own jar running as a process of its own on the test infrastructure, for what a test inside one JVM
 * cannot show: a process that dies and is started again, a service beside a benchmark.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final File log;

    private ServiceProcess(Process process, int port, File log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts {@code jar} with the database, the test broker and the test token issuer, and {@code settings} as
     * command-line properties (they come before the service's application.yml); returns once it is ready.
     */
    public static ServiceProcess start(Path jar, DatabaseServer.JdbcCoordinates database, Map<String, String> settings)
            throws IOException, InterruptedException {
        return start(jar, database, TestInfrastructure.kafka(), settings);
    }

    /** The same on {@code kafka} instead of the test run's shared broker. */
    public static ServiceProcess start(
            Path jar, DatabaseServer.JdbcCoordinates database, KafkaServer kafka, Map<String, String> settings)
            throws IOException, InterruptedException {
        // Quick to start, as tests want; a benchmark gives its own options.
        return start(jar, database, kafka, List.of("-Xmx512m", "-XX:TieredStopAtLevel=1"), settings);
    }

    /** The same with the JVM's options, such as a benchmark's heap. */
    public static ServiceProcess start(
            Path jar, DatabaseServer.JdbcCoordinates database, List<String> jvmOptions, Map<String, String> settings)
            throws IOException, InterruptedException {
        return start(jar, database, TestInfrastructure.kafka(), jvmOptions, settings);
    }

    /** The same on {@code kafka} instead of the test run's shared broker. */
    public static ServiceProcess start(
            Path jar,
            DatabaseServer.JdbcCoordinates database,
            KafkaServer kafka,
            List<String> jvmOptions,
            Map<String, String> settings)
            throws IOException, InterruptedException {
        Map<String, String> infrastructure = new LinkedHashMap<>();
        infrastructure.put("spring.datasource.url", database.url());
        infrastructure.put("spring.datasource.username", database.username());
        infrastructure.put("spring.datasource.password", database.password());
        infrastructure.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        infrastructure.put("billstream.security.issuer", TestTokens.ISSUER);
        infrastructure.put("billstream.security.audience", TestTokens.AUDIENCE);
        infrastructure.put("billstream.security.jwks-uri", TestTokens.jwksUri());
        infrastructure.putAll(StandInOwners.settings());
        return launch(jar, jvmOptions, infrastructure, settings);
    }

    /** A process that needs none of the test infrastructure, such as the gateway, with only {@code settings}. */
    public static ServiceProcess startAlone(Path jar, List<String> jvmOptions, Map<String, String> settings)
            throws IOException, InterruptedException {
        return launch(jar, jvmOptions, Map.of(), settings);
    }

    /** {@code settings} win over the {@code infrastructure} they name again, such as another service's address. */
    private static ServiceProcess launch(
            Path jar, List<String> jvmOptions, Map<String, String> infrastructure, Map<String, String> settings)
            throws IOException, InterruptedException {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the service first");
        }
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
        Map<String, String> properties = new LinkedHashMap<>(infrastructure);
        properties.putAll(settings);
        properties.forEach((name, value) -> command.add("--" + name + "=" + value));
        File log = File.createTempFile(jar.getFileName().toString().replace(".jar", "-"), ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
        ServiceProcess service = new ServiceProcess(process, port, log);
        service.awaitReady();
        return service;
    }

    public int port() {
        return port;
    }

    /** The CPU time the process has used so far, for a benchmark's cost per request. */
    public Duration cpuTime() {
        return process.info().totalCpuDuration().orElseThrow();
    }

    /** The process's console output so far, for a failing test's message. */
    public String output() {
        try {
            return Files.readString(log.toPath());
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** Waits until the process has ended by itself; its exit status. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the process did not end within " + timeout + ":\n" + tail());
        }
        return process.exitValue();
    }

    /** Stops the process as an operator would (SIGTERM, graceful shutdown), killing it if that takes too long. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service stopped while starting:\n" + tail());
            }
            try {
                HttpResponse<Void> health = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the service was not ready within 3 minutes:\n" + tail());
    }

    private String tail() {
        String output = output();
        return output.substring(Math.max(0, output.length() - 4000));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package io.billstream.platform.test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;

/**
 * A Kafka broker (KRaft, broker and controller in one) as a process of its own, for tests that stop the broker and
 * start it again: it keeps its port and its log directory, so the clients find it and its topics where they were.
 * Kafka's own {@code kafka.Kafka}, run from this JVM's class path.
 */
public final class KafkaProcess implements KafkaServer {

    private final Path directory;
    private final Path settings;
    private final int port;
    private Process process;

    private KafkaProcess(Path directory, Path settings, int port) {
        this.directory = directory;
        this.settings = settings;
        this.port = port;
    }

    /** A new broker on free ports, its data in a temporary directory; returns once it accepts connections. */
    public static KafkaProcess start() {
        try {
            Path directory = Files.createTempDirectory("kafka-process-");
            int port = freePort();
            int controllerPort = freePort();
            Properties properties = new Properties();
            properties.putAll(BROKER_SETTINGS);
            properties.put("process.roles", "broker,controller");
            properties.put("node.id", "1");
            properties.put("controller.quorum.voters", "1@localhost:" + controllerPort);
            properties.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
            properties.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
            properties.put("controller.listener.names", "CONTROLLER");
            properties.put("inter.broker.listener.name", "PLAINTEXT");
            properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            properties.put("log.dirs", directory.resolve("logs").toString());
            Path settings = directory.resolve("server.properties");
            try (var out = Files.newBufferedWriter(settings)) {
                properties.store(out, "a test broker");
            }
            KafkaProcess kafka = new KafkaProcess(directory, settings, port);
            kafka.run(
                            "kafka.tools.StorageTool",
                            "format",
                            "-t",
                            Uuid.randomUuid().toString(),
                            "-c",
                            settings.toString())
                    .waitFor();
            kafka.resume();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("the Kafka process did not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Stops the broker as an operator would (SIGTERM, controlled shutdown); its data stays. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts the stopped broker again on the same port and data; returns once it accepts connections. */
    public synchronized void resume() {
        try {
            process = run("kafka.Kafka", settings.toString());
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (!accepts()) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the Kafka process did not start:\n" + output());
                }
                Thread.sleep(200);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The broker's console output, for a failing test's message. */
    public String output() {
        try {
            return Files.readString(directory.resolve("kafka.log"));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private Process run(String mainClass, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
        command.addAll(List.of(arguments));
        File log = directory.resolve("kafka.log").toFile();
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                .start();
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

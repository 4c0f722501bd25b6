package io.billstream.platform.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Command-line tools from the npm registry, run with {@code npx} at a pinned version, as their users run them: Redocly
 * CLI lints the OpenAPI documents, the AsyncAPI CLI validates the event contract's document. npx keeps what it fetched
 * in the user's npm cache, so only the first run on a machine downloads.
 */
public final class NodeTools {

    public static final String REDOCLY = "@redocly/cli@2.77.0";

    /** The last major version of the AsyncAPI CLI that runs on Node.js 20. */
    public static final String ASYNCAPI = "@asyncapi/cli@4.1.1";

    private NodeTools() {}

    /** What a tool printed and how it ended. */
    public record Outcome(int exitCode, String output) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** Runs {@code npx --yes <tool> <arguments>} in {@code directory}, waiting at most {@code timeout}. */
    public static Outcome run(String tool, List<String> arguments, Path directory, Duration timeout) {
        List<String> command = new ArrayList<>(List.of("npx", "--yes", tool));
        command.addAll(arguments);
        try {
            Path output = Files.createTempFile("npx-", ".log");
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not end within " + timeout + ":\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Outcome(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + " (is Node.js installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Validates an AsyncAPI document, with the schemas it refers to, as the AsyncAPI CLI does; a warning fails it too.
     */
    public static Outcome validateAsyncApi(Path document) {
        return run(
                ASYNCAPI,
                List.of("validate", document.toAbsolutePath().toString(), "--fail-severity=warn"),
                document.toAbsolutePath().getParent(),
                Duration.ofMinutes(5));
    }

    /**
     * Lints an OpenAPI document with Redocly CLI's recommended rules and the exceptions in {@code redocly.yaml} of
     * {@code rules}; the outcome fails on any error, and {@code --max-problems} shows them all.
     */
    public static Outcome lintOpenApi(Path document, String rules) {
        try {
            Path directory = Files.createTempDirectory("redocly-");
            Files.writeString(directory.resolve("redocly.yaml"), rules, StandardCharsets.UTF_8);
            Files.copy(document, directory.resolve("openapi.json"));
            return run(
                    REDOCLY,
                    List.of("lint", "openapi.json", "--format=stylish", "--max-problems=1000"),
                    directory,
                    Duration.ofMinutes(3));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}

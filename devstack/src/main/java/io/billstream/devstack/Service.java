package io.billstream.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** The processes of the platform, with the port each one prefers and the database it owns. */
enum Service {
    GATEWAY("gateway", 8080, null),
    ORDER("order-service", 8081, "billstream_order"),
    BILLING("billing-service", 8082, "billstream_billing"),
    PORTAL("portal-service", 8083, "billstream_portal"),
    NOTIFICATION("notification-service", 8084, "billstream_notification"),
    DOCUMENT("document-service", 8085, "billstream_document");

    private final String moduleName;
    private final int preferredPort;
    private final String database;

    Service(String moduleName, int preferredPort, String database) {
        this.moduleName = moduleName;
        this.preferredPort = preferredPort;
        this.database = database;
    }

    /** The Maven module, which is also the service's name in logs, routes and {@code endpoints.properties}. */
    String moduleName() {
        return moduleName;
    }

    int preferredPort() {
        return preferredPort;
    }

    Optional<String> database() {
        return Optional.ofNullable(database);
    }

    /** The gateway only routes; every other service documents its REST API with springdoc. */
    boolean hasApiDocs() {
        return this != GATEWAY;
    }

    boolean sendsMail() {
        return this == NOTIFICATION;
    }

    /**
     * The executable jar Maven built, {@code <module>/target/<module>-<version>.jar}; the newest one if several
     * versions are lying around.
     */
    Path executableJar(Path root) {
        Path target = root.resolve(moduleName).resolve("target");
        Path jar;
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            jar = files.filter(this::isApplicationJar)
                    .max(Comparator.comparing(Service::lastModified))
                    .orElseThrow(() -> new IllegalStateException("No jar of " + moduleName + " in " + target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!hasMainClass(jar)) {
            throw new IllegalStateException(jar + " is not an executable jar (its manifest names no Main-Class):"
                    + " does " + moduleName + " have an application class and the spring-boot-maven-plugin?");
        }
        return jar;
    }

    private boolean isApplicationJar(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(moduleName + "-")
                && name.endsWith(".jar")
                && !name.endsWith("-sources.jar")
                && !name.endsWith("-javadoc.jar")
                && !name.endsWith("-tests.jar")
                && !name.endsWith("-plain.jar");
    }

    private static boolean hasMainClass(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest() != null
                    && file.getManifest().getMainAttributes().getValue("Main-Class") != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static FileTime lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}

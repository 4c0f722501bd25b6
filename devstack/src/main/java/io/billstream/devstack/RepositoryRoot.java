package io.billstream.devstack;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the checkout the devstack belongs to: the nearest directory holding {@code mvnw} and {@code pom.xml}, looking
 * up from the working directory first and then from the devstack's own jar, so that it also works when started from
 * elsewhere.
 */
final class RepositoryRoot {

    private RepositoryRoot() {}

    static Optional<Path> locate() {
        List<Path> starts = new ArrayList<>();
        starts.add(Path.of("").toAbsolutePath());
        // With "java -jar" the class path is exactly the devstack jar; from an IDE its first entry is the devstack's
        // target/classes. Later entries are libraries, which may live in another checkout.
        String firstEntry = System.getProperty("java.class.path", "").split(File.pathSeparator)[0];
        if (!firstEntry.isBlank()) {
            starts.add(Path.of(firstEntry).toAbsolutePath());
        }
        return starts.stream()
                .map(RepositoryRoot::nearestRoot)
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static Optional<Path> nearestRoot(Path start) {
        for (Path dir = start.normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }
}

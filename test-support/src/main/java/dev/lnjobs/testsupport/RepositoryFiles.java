package dev.lnjobs.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of this repository, found from wherever a test runs (a module's directory or the repository root). */
public final class RepositoryFiles {

    private RepositoryFiles() {
    }

    /** The server's Flyway migrations, as a Flyway location: the schema every read model's test starts from. */
    public static String serverMigrations() {
        return "filesystem:" + path("server/src/main/resources/db/migration");
    }

    /** The path of {@code relative} (from the repository root), looked for upwards from the working directory. */
    public static Path path(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.exists(candidate) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return candidate;
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}

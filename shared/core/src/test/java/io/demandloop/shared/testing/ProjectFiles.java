package io.demandloop.shared.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files of the repository (events/, template.yaml) for tests, so fixtures live in one place. */
public final class ProjectFiles {

    private ProjectFiles() {
    }

    /** The repository root: system property {@code demandloop.home}, else the nearest folder up with template.yaml. */
    public static Path root() {
        String home = System.getProperty("demandloop.home");
        if (home != null && Files.isRegularFile(Path.of(home, "template.yaml"))) {
            return Path.of(home);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root (no template.yaml above "
                + Path.of("").toAbsolutePath() + ")");
    }

    /** A file of the repository, by its path from the root. */
    public static Path path(String relative) {
        return root().resolve(relative);
    }

    /** The bytes of a file of the repository. */
    public static byte[] read(String relative) {
        try {
            return Files.readAllBytes(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.demandloop.local.servers;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the demandloop checkout: the folder that holds {@code template.yaml} and the built server distributions.
 */
public final class ProjectRoot {

    /** System property naming the project root; the build sets it for tests. */
    public static final String HOME_PROPERTY = "demandloop.home";

    private static final String MARKER = "template.yaml";

    private ProjectRoot() {
    }

    /**
     * Returns the project root: system property {@value #HOME_PROPERTY} when set, else the nearest folder at or
     * above the working directory that contains {@code template.yaml}.
     *
     * @return the absolute, normalised project root
     * @throws IllegalStateException when neither gives a folder
     */
    public static Path locate() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        Path start = Path.of("").toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(MARKER))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the demandloop project root: system property "
                + HOME_PROPERTY + " is not set and no folder at or above " + start + " contains " + MARKER);
    }
}

package io.demandloop.shared.imports;

import io.demandloop.shared.testing.ProjectFiles;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the real ServiceNow incident log lives: beside the repository, in the shared datasets. */
final class ReferenceIncidentLog {

    static final String RELATIVE = "../shared/datasets/servicenow-incident-log/incident_event_log.csv.zip";

    private ReferenceIncidentLog() {
    }

    /** The file; fails loudly, naming the place looked at, rather than letting a test pass without it. */
    static Path path() {
        Path file = ProjectFiles.root().resolve(RELATIVE).normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the reference ServiceNow incident log is missing: looked for " + file
                    + " (repository root " + ProjectFiles.root() + " + " + RELATIVE + ")");
        }
        return file;
    }
}

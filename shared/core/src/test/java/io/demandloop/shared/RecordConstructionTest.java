package io.demandloop.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.testing.ProjectFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A record's canonical constructor is always public, so nothing but this test keeps the records with many components
 * of one type (STYLE.md 13) from being built positionally, where swapping two arguments still compiles.
 */
class RecordConstructionTest {

    /** Each record built through its builder, and the one file allowed to call its constructor: its own. */
    private static final Map<String, String> BUILT_BY_BUILDER = Map.of(
            "Ticket", "shared/core/src/main/java/io/demandloop/shared/ticket/Ticket.java",
            "StoredDemand", "shared/demand/src/main/java/io/demandloop/shared/demand/StoredDemand.java");

    private static final Pattern CONSTRUCTOR_CALL = Pattern.compile("\\bnew\\s+(Ticket|StoredDemand)\\s*\\(");

    @Test
    void sources_shouldBuildTicketsAndStoredDemands_onlyThroughTheirBuilders() throws IOException {
        // GIVEN every Java source of the repository
        Path root = ProjectFiles.root();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(root)) {
            sources = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> root.relativize(p).toString().contains("src" + root.getFileSystem().getSeparator()))
                    .filter(p -> !root.relativize(p).toString().contains("target" + root.getFileSystem().getSeparator()))
                    .toList();
        }

        // WHEN looking for positional constructor calls outside the records themselves
        List<String> calls = sources.stream()
                .flatMap(p -> CONSTRUCTOR_CALL.matcher(read(p)).results()
                        .filter(m -> !root.relativize(p).toString().replace('\\', '/')
                                .equals(BUILT_BY_BUILDER.get(m.group(1))))
                        .map(m -> root.relativize(p) + ": " + m.group()))
                .toList();

        // THEN there is none
        assertThat(sources).isNotEmpty();
        assertThat(calls).as("use Ticket.builder() / StoredDemand.builder() or toBuilder()").isEmpty();
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

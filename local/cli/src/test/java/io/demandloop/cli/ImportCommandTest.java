package io.demandloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks {@code ./demandloop import} makes before any stack starts. */
class ImportCommandTest {

    private static final String SERVICENOW_CSV = "number,incident_state,sys_mod_count,opened_at,priority\r\n"
            + "INC1,New,0,5/3/2016 12:00,2 - Medium\r\n";

    /** A project root without config/: the built-in defaults apply. */
    @TempDir
    Path root;

    @TempDir
    Path files;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(files.resolve(name), content, StandardCharsets.UTF_8);
    }

    private ImportCommand command(String format, Path file, Path mapping, Path rejected) throws UsageException {
        return new ImportCommand(new CommandLine.Import(format, file, mapping, rejected), root, Map.of());
    }

    @Test
    void new_shouldRefuse_whenTheFileIsMissing() {
        Path missing = files.resolve("nope.csv");

        assertThatThrownBy(() -> command("servicenow", missing, null, null))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void new_shouldNameTheFormats_whenTheFormatIsUnknown() throws IOException {
        Path export = file("export.csv", SERVICENOW_CSV);

        assertThatThrownBy(() -> command("remedy", export, null, null))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("unknown export format 'remedy'")
                .hasMessageContaining("servicenow, jira, csv");
    }

    @Test
    void new_shouldRefuse_whenTheMappingIsMissing() throws IOException {
        Path export = file("export.csv", SERVICENOW_CSV);
        Path mapping = files.resolve("mapping.yaml");

        assertThatThrownBy(() -> command("servicenow", export, mapping, null))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("mapping")
                .hasMessageContaining(mapping.toString());
    }

    @Test
    void new_shouldNameTheKey_whenTheMappingHasAnInvalidZone() throws IOException {
        Path export = file("export.csv", SERVICENOW_CSV);
        Path mapping = file("mapping.yaml", "imports:\n  servicenow:\n    dates: {zone: Nowhere/Land}\n");

        assertThatThrownBy(() -> command("servicenow", export, mapping, null))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("imports.servicenow.dates.zone");
    }

    @Test
    void new_shouldAskForTheMapping_whenFormatCsvHasNone() throws IOException {
        Path export = file("tickets.csv", "id,state\r\n1,open\r\n");

        assertThatThrownBy(() -> command("csv", export, null, null))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--mapping is required");
    }

    @Test
    void new_shouldNameTheMissingColumn_whenTheExportHeaderIsMalformed() throws IOException {
        Path export = file("export.csv", "number,incident_state,opened_at,priority\r\nINC1,New,5/3/2016 12:00,3\r\n");

        assertThatThrownBy(() -> command("servicenow", export, null, null))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(export.toString())
                .hasMessageContaining("sys_mod_count");
    }

    @Test
    void new_shouldRefuse_whenTheRejectedRowsWouldOverwriteTheExport() throws IOException {
        Path export = file("export.csv", SERVICENOW_CSV);
        Path sameFile = files.resolve("./sub/../export.csv");

        assertThatThrownBy(() -> command("servicenow", export, null, sameFile))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("overwrite the export");
        assertThat(Files.readString(export, StandardCharsets.UTF_8)).isEqualTo(SERVICENOW_CSV);
    }

    @Test
    void rejectedRows_shouldDropZipAndCsvExtensions_whenNoneIsGiven() throws Exception {
        // GIVEN the reference log's file name
        Path export = files.resolve("incident_event_log.csv.zip");
        try (OutputStream out = Files.newOutputStream(export); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("__MACOSX/._incident_event_log.csv"));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("incident_event_log.csv"));
            zip.write(SERVICENOW_CSV.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }

        // WHEN / THEN the rejected rows go beside the export, not into the directory the launcher runs in
        assertThat(command("servicenow", export, null, null).rejectedRows())
                .isEqualTo(files.resolve("incident_event_log.rejected.csv"));
        assertThat(command("servicenow", file("tickets.CSV", SERVICENOW_CSV), null, null).rejectedRows())
                .isEqualTo(files.resolve("tickets.rejected.csv"));
        Path given = files.resolve("out/bad.csv");
        assertThat(command("servicenow", export, null, given).rejectedRows()).isEqualTo(given);
    }

    @Test
    void run_shouldExit2BeforeAnyStackStarts_whenTheExportIsMalformed() throws IOException {
        // GIVEN
        Path export = file("export.csv", "number,state\r\nINC1,1\r\n");
        Path stateDir = files.resolve("state");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        DemandloopCli cli = new DemandloopCli(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(DemandloopCli.STATE_DIR_VARIABLE, stateDir.toString()), root);

        // WHEN
        int code = cli.run(new String[] {"import", "servicenow", export.toString()});

        // THEN
        assertThat(code).isEqualTo(DemandloopCli.EXIT_USAGE);
        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("sys_mod_count", "opened_at", "priority");
        assertThat(printed.lines()).as("one line, no usage: the command line itself was right").hasSize(1);
        assertThat(stateDir).as("no stack was started").doesNotExist();
    }

    @Test
    void run_shouldResolveRelativePathsFromTheCallersDirectory_notTheRepositoryRoot() throws IOException {
        // GIVEN an export in the user's directory, named relatively, and a repository root elsewhere holding no such file
        file("export.csv", "number,state\r\nINC1,1\r\n");
        Path stateDir = files.resolve("state");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        DemandloopCli cli = new DemandloopCli(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(DemandloopCli.STATE_DIR_VARIABLE, stateDir.toString()), root, files);

        // WHEN
        int code = cli.run(new String[] {"import", "servicenow", "export.csv"});

        // THEN the file was found where the user is (and read: its header is what is wrong), not looked for under root
        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(DemandloopCli.EXIT_USAGE);
        assertThat(printed).doesNotContain("is not a readable file").contains(files.resolve("export.csv").toString());
        assertThat(CommandLineTestAccess.resolved(files, "export.csv", "../x/rejects.csv"))
                .containsExactly(files.resolve("export.csv"), files.resolve("../x/rejects.csv").normalize());
    }

    /** The resolution itself, for paths that need no file. */
    private static final class CommandLineTestAccess {
        static java.util.List<Path> resolved(Path directory, String file, String rejected) {
            CommandLine.Import load = new CommandLine.Import("servicenow", Path.of(file), null, Path.of(rejected))
                    .resolvedFrom(directory);
            return java.util.List.of(load.file(), load.rejected());
        }
    }
}

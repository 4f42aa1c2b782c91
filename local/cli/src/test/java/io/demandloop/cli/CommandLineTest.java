package io.demandloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {

    private static Path root() {
        return Path.of(System.getProperty("demandloop.home"));
    }

    @Test
    void parse_shouldReadEachCommand() throws Exception {
        assertThat(CommandLine.parse(new String[] {"demo"}).command()).isEqualTo("demo");
        assertThat(CommandLine.parse(new String[] {"serve"}).port()).hasValue(CommandLine.DEFAULT_PORT);
        assertThat(CommandLine.parse(new String[] {"serve", "--port", "9000"}).port()).hasValue(9000);
        CommandLine run = CommandLine.parse(new String[] {"run", "portfolio-report", "--at", "2026-11-20T08:05:00Z"});
        assertThat(run.job()).isEqualTo("portfolio-report");
        assertThat(run.at()).contains(Instant.parse("2026-11-20T08:05:00Z"));
    }

    @ParameterizedTest
    @CsvSource({
        "2026-11-22, 2026-11-22T00:00:00Z",
        "2026-11-22T05:30:00Z, 2026-11-22T05:30:00Z",
        "2026-11-22T06:30:00+01:00, 2026-11-22T05:30:00Z",
        "2026-11-22T05:30, 2026-11-22T05:30:00Z"})
    void parseInstant_shouldAcceptDatesAndInstants(String text, String expected) throws Exception {
        assertThat(CommandLine.parseInstant(text)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void parse_shouldReadMeasure_withItsDefaultsAndOptions() throws Exception {
        // WHEN
        CommandLine plain = CommandLine.parse(new String[] {"measure", "--service", "Payments", "--at", "2026-03-01"});
        CommandLine full = CommandLine.parse(new String[] {"measure", "--service", "HR Portal", "--at", "2016-04-01",
            "--before", "P8W", "--settle", "P0D", "--after", "P6W", "--metric", "major-incidents", "--category",
            "Category:network", "--as-of", "2016-09-01", "--json"});

        // THEN
        assertThat(plain.measure()).isEqualTo(new CommandLine.Measure("Payments", Instant.parse("2026-03-01T00:00:00Z"),
                io.demandloop.shared.outcome.OutcomeWindows.DEFAULT, io.demandloop.shared.initiative.OutcomeMetric.INCIDENTS,
                null, null, false));
        assertThat(full.measure()).isEqualTo(new CommandLine.Measure("HR Portal", Instant.parse("2016-04-01T00:00:00Z"),
                new io.demandloop.shared.outcome.OutcomeWindows(56, 0, 42),
                io.demandloop.shared.initiative.OutcomeMetric.MAJOR_INCIDENTS, "category:network",
                Instant.parse("2016-09-01T00:00:00Z"), true));
    }

    @Test
    void parse_shouldReadTheOutcomeQueries() throws Exception {
        assertThat(CommandLine.parse(new String[] {"query", "outcomes", "--json"}).query())
                .isEqualTo(new CommandLine.Query(QueryCommand.Kind.OUTCOMES, null, null, true, null, null));
        assertThat(CommandLine.parse(new String[] {"query", "initiatives"}).query().kind())
                .isEqualTo(QueryCommand.Kind.INITIATIVES);
        assertThat(CommandLine.parse(new String[] {"query", "lineage", "jira#PAY-412"}).query())
                .isEqualTo(new CommandLine.Query(QueryCommand.Kind.LINEAGE, null, null, false, null, "jira#PAY-412"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "launch", "demo extra", "serve --port", "serve --port abc", "serve --port 70000",
        "serve --verbose", "run", "run --at 2026-11-22", "run portfolio-report --at yesterday", "run portfolio-report --when x",
        "query", "query things", "query tickets --service", "query tickets --colour red", "query alerts --source --json", "query demand --source jira",
        "query capacity --service Email", "query capacity --source jira", "query capacity --team", "query tickets --team payments",
        "import", "import xml export.csv", "import servicenow", "import servicenow --mapping m.yaml",
        "import servicenow export.csv --verbose", "import servicenow export.csv --mapping",
        "import servicenow export.csv --rejected", "import jira export.csv --rejected --mapping m.yaml",
        "measure", "measure --service Payments", "measure --at 2026-03-01", "measure --service Payments --at yesterday",
        "measure --service Payments --at 2026-03-01 --before P3M", "measure --service Payments --at 2026-03-01 --after twelve",
        "measure --service Payments --at 2026-03-01 --before P3D", "measure --service Payments --at 2026-03-01 --metric tickets",
        "measure --service Payments --at 2026-03-01 --category colour:red", "measure --service Payments --at 2026-03-01 --verbose",
        "measure --service Payments --at 2026-03-01 --service Email", "measure --service Payments --at",
        "query lineage", "query lineage --json", "query outcomes --service Payments", "query initiatives extra",
        "import initiatives roadmap.csv", "demand", "demand fund Payments#service-risk --by ann", "demand promote",
        "demand promote Payments#service-risk --by ann", "demand ack Payments#service-risk",
        "demand ack Payments#service-risk --by ann --title Fix", "demand reject Payments --by ann",
        "demand reject Payments#service-risk --by", "demand reject Payments#service-risk --by ann --when now"})
    void run_shouldExit2WithOneLineAndTheUsage_whenCommandLineIsWrong(String line) {
        // GIVEN
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        DemandloopCli cli = new DemandloopCli(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), root());

        // WHEN
        int code = cli.run(line.isEmpty() ? new String[0] : line.split(" "));

        // THEN
        assertThat(code).isEqualTo(DemandloopCli.EXIT_USAGE);
        String[] lines = err.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("demandloop: ");
        assertThat(lines[1]).isEqualTo(CommandLine.USAGE);
    }

    @Test
    void run_shouldNameTheJobs_whenJobIsUnknown() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        DemandloopCli cli = new DemandloopCli(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), root());

        int code = cli.run(new String[] {"run", "defrag"});

        assertThat(code).isEqualTo(DemandloopCli.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown job 'defrag'", "portfolio-report");
    }

    @Test
    void parse_shouldReadQueryOptions() throws Exception {
        CommandLine.Query query = CommandLine.parse(new String[] {"query", "alerts", "--service", "Email", "--source", "alertmanager", "--json"}).query();

        assertThat(query.kind()).isEqualTo(QueryCommand.Kind.ALERTS);
        assertThat(query.service()).isEqualTo("Email");
        assertThat(query.source()).isEqualTo("alertmanager");
        assertThat(query.json()).isTrue();
    }

    @Test
    void parse_shouldReadQueryCapacityOptions() throws Exception {
        CommandLine.Query query = CommandLine.parse(new String[] {"query", "capacity", "--team", "payments", "--json"}).query();

        assertThat(query.kind()).isEqualTo(QueryCommand.Kind.CAPACITY);
        assertThat(query.team()).isEqualTo("payments");
        assertThat(query.json()).isTrue();
        assertThat(CommandLine.parse(new String[] {"query", "capacity"}).query().team()).isNull();
    }

    @Test
    void parse_shouldReadImportFormatFileAndOptions() throws Exception {
        // WHEN
        CommandLine line = CommandLine.parse(new String[] {"import", "csv", "tickets.csv", "--rejected", "out/bad.csv",
            "--mapping", "mapping.yaml"});

        // THEN
        assertThat(line.command()).isEqualTo("import");
        assertThat(line.load()).isEqualTo(new CommandLine.Import("csv", Path.of("tickets.csv"), Path.of("mapping.yaml"),
                Path.of("out/bad.csv")));
        assertThat(CommandLine.parse(new String[] {"import", "servicenow", "log.csv.zip"}).load())
                .isEqualTo(new CommandLine.Import("servicenow", Path.of("log.csv.zip"), null, null));
    }

    @Test
    void parse_shouldReadDemandDecisions() throws Exception {
        CommandLine promote = CommandLine.parse(new String[] {"demand", "promote",
                "Payments#recurring-incidents#category:network", "--title", "Fix the network", "--by", "you",
                "--why", "board approved"});
        CommandLine ack = CommandLine.parse(new String[] {"demand", "ack", "Payments#service-risk", "--by", "ann"});

        assertThat(promote.command()).isEqualTo("demand");
        assertThat(promote.decision()).isEqualTo(new CommandLine.Decision("promote",
                "Payments#recurring-incidents#category:network", "Fix the network", "you", "board approved"));
        assertThat(ack.decision()).isEqualTo(new CommandLine.Decision("ack", "Payments#service-risk", null, "ann", null));
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"demand", "promote", "Payments#service-risk", "--by", "a"}))
                .isInstanceOf(UsageException.class).hasMessage("demand promote needs --title <the initiative's title>");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"demand", "reject", "Payments", "--by", "a"}))
                .isInstanceOf(UsageException.class).hasMessageContaining("'Payments' is not a demand id");
    }

    @Test
    void parse_shouldReadAnInitiativesImport_whichNeedsAMapping() throws Exception {
        CommandLine load = CommandLine.parse(new String[] {"import", "initiatives", "examples/roadmap/aha-features.csv",
                "--mapping", "examples/roadmap/mapping.yaml"});

        assertThat(load.load().format()).isEqualTo("initiatives");
        assertThat(load.load().mapping()).isEqualTo(Path.of("examples/roadmap/mapping.yaml"));
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"import", "initiatives", "x.csv"}))
                .isInstanceOf(UsageException.class).hasMessageContaining("import initiatives needs --mapping");
    }

    @Test
    void run_shouldExit2WithOneLine_whenTheRoadmapMappingLacksAColumnOfTheExport(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        java.nio.file.Path csv = dir.resolve("export.csv");
        java.nio.file.Files.writeString(csv, "Key,Summary\nA-1,One\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        DemandloopCli cli = new DemandloopCli(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), root());

        int code = cli.run(new String[] {"import", "initiatives", csv.toString(), "--mapping",
                root().resolve("examples/roadmap/mapping.yaml").toString()});

        assertThat(code).isEqualTo(DemandloopCli.EXIT_USAGE);
        String[] lines = err.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(1);
        assertThat(lines[0]).startsWith("demandloop: import: ").contains("lacks required column");
    }

    @Test
    void parse_shouldListTheFormats_whenTheFormatIsMissingOrUnknown() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"import"}))
                .isInstanceOf(UsageException.class).hasMessageContaining("servicenow, jira, csv");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"import", "remedy", "x.csv"}))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("unknown import format 'remedy'")
                .hasMessageContaining("servicenow, jira, csv");
        assertThat(CommandLine.USAGE).contains("import servicenow|jira|csv <file> [--mapping <file>] [--rejected <file>]");
    }

    @Test
    void parse_shouldRefuseImportArgumentsItDoesNotTake() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"import", "jira"}))
                .isInstanceOf(UsageException.class).hasMessageContaining("needs the export file");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"import", "jira", "x.csv", "--dry-run"}))
                .isInstanceOf(UsageException.class).hasMessageContaining("'--dry-run'");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"import", "jira", "x.csv", "--mapping"}))
                .isInstanceOf(UsageException.class).hasMessageContaining("--mapping needs a file");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"import", "jira", "x.csv", "--rejected", "--mapping", "m"}))
                .isInstanceOf(UsageException.class).hasMessageContaining("--rejected needs a file");
    }

    @Test
    void parse_shouldRefuseAMissingJobName() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"run"})).hasMessageContaining("job name");
    }
}

package io.demandloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ./demandloop report link}: its command line, its one-line errors, and the links it prints. */
class ReportLinkCommandTest {

    private static final Instant NOW = Instant.parse("2026-12-07T01:00:00Z");

    @Test
    void parse_shouldDefaultToSevenDaysAndTheLatestReport_andReadEachOption() throws Exception {
        // GIVEN / WHEN / THEN
        assertThat(ReportLinkCommand.Options.parse(List.of("link")))
                .isEqualTo(new ReportLinkCommand.Options(Duration.ofDays(7), null, null));
        ReportLinkCommand.Options options = ReportLinkCommand.Options.parse(List.of("link", "--expires", "PT12H",
                "--date", "2026-12-07", "--bucket", "my-reports"));
        assertThat(options).isEqualTo(new ReportLinkCommand.Options(Duration.ofHours(12), LocalDate.of(2026, 12, 7),
                "my-reports"));
        assertThat(options.prefix()).isEqualTo("reports/2026/12/07/");
        assertThat(ReportLinkCommand.Options.parse(List.of("link")).prefix()).isEqualTo("reports/latest/");
    }

    @Test
    void parse_shouldNameTheProblem_whenAnOptionIsWrong() {
        // GIVEN / WHEN / THEN
        assertThatThrownBy(() -> ReportLinkCommand.Options.parse(List.of("link", "--expires", "P8D")))
                .hasMessage("report link: --expires P8D: link expiry PT192H is longer than seven days (P7D), the most a"
                        + " SigV4 presigned URL allows");
        assertThatThrownBy(() -> ReportLinkCommand.Options.parse(List.of("link", "--expires", "a week")))
                .hasMessageContaining("--expires must be an ISO-8601 duration such as P7D or PT12H, got 'a week'");
        assertThatThrownBy(() -> ReportLinkCommand.Options.parse(List.of("link", "--date", "07/12/2026")))
                .hasMessageContaining("--date must be a date such as 2026-12-07");
        assertThatThrownBy(() -> ReportLinkCommand.Options.parse(List.of("links")))
                .hasMessage("report takes 'link', not 'links'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"report", "report link --expires P8D", "report link --expires 7d", "report link --expires",
        "report link --expires PT0S", "report link --date tomorrow", "report link --verbose"})
    void run_shouldExit2WithOneLine_whenTheCommandLineIsWrong(String line) {
        // GIVEN
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        DemandloopCli cli = new DemandloopCli(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(DemandloopCli.STATE_DIR_VARIABLE, "/nonexistent/link-state"), Path.of("/nonexistent"));

        // WHEN
        int code = cli.run(line.split(" "));

        // THEN
        assertThat(code).isEqualTo(DemandloopCli.EXIT_USAGE);
        String[] lines = err.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(1);
        assertThat(lines[0]).startsWith("demandloop: report").contains(ReportLinkCommand.USAGE);
    }

    @Test
    void run_shouldSaySoInOneLine_whenNoStackIsRunningAndNoBucketIsNamed(@TempDir Path state) {
        // GIVEN
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ReportLinkCommand command = new ReportLinkCommand(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(DemandloopCli.STATE_DIR_VARIABLE,
                state.toString()), Path.of("."), Clock.fixed(NOW, ZoneOffset.UTC));

        // WHEN
        int code = command.run(new String[] {"report", "link"});

        // THEN
        assertThat(code).isEqualTo(DemandloopCli.EXIT_FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("demandloop: report link: no running stack")
                .hasLineCount(1);
    }

    @Test
    void run_shouldPrintOnePresignedHttpsLinkPerFile_forABucketOnAws() {
        // GIVEN a region and credentials (presigning sends nothing: no network is needed)
        String[] names = {"aws.region", "aws.accessKeyId", "aws.secretAccessKey"};
        String[] values = {"eu-west-1", "AKIDEXAMPLE", "secret"};
        for (int i = 0; i < names.length; i++) {
            System.setProperty(names[i], values[i]);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ReportLinkCommand command = new ReportLinkCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream()), Map.of(), Path.of("."), Clock.fixed(NOW, ZoneOffset.UTC));

            // WHEN
            int code = command.run(new String[] {"report", "link", "--expires", "P2D", "--bucket", "acme-reports"});

            // THEN
            assertThat(code).isZero();
            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(printed).startsWith("Links valid until 2026-12-09T01:00:00Z (PT48H):");
            assertThat(printed.lines().filter(l -> l.contains("https://acme-reports.s3.eu-west-1.amazonaws.com/reports/latest/")))
                    .hasSize(ReportLinkCommand.FILES.size())
                    .allMatch(l -> l.contains("X-Amz-Expires=172800") && l.contains("X-Amz-Signature="));
        } finally {
            for (String name : names) {
                System.clearProperty(name);
            }
        }
    }
}

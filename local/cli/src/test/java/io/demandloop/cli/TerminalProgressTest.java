package io.demandloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.imports.ImportProgress.Snapshot;
import io.demandloop.shared.imports.ImportSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {

    @Test
    void line_shouldDrawABarWithShareRowsRateCountsAndEta_whenTheSizeIsKnown() {
        // 45% after 10 s: 12.2 s left, shown rounded up
        Snapshot snapshot = new Snapshot(50_000, 3, 24_000, 7, 450, 1_000, Duration.ofSeconds(10));

        assertThat(TerminalProgress.line(snapshot)).isEqualTo("[##############----------------]  45%"
                + "  50,000 rows  5,000 rows/s  24,000 stored  7 unchanged  3 rejected  ETA 0:13");
    }

    @Test
    void line_shouldDrawAFullBarAndNoTimeLeft_atTheEnd() {
        Snapshot snapshot = new Snapshot(10, 0, 10, 0, 1_000, 1_000, Duration.ofSeconds(2));

        assertThat(TerminalProgress.line(snapshot)).startsWith("[" + "#".repeat(30) + "] 100%").endsWith("ETA 0:00");
    }

    @Test
    void line_shouldLeaveOutBarAndEta_whenTheSizeIsUnknown() {
        Snapshot snapshot = new Snapshot(1_000, 0, 900, 100, 4_096, -1, Duration.ofSeconds(2));

        String line = TerminalProgress.line(snapshot);

        assertThat(line).doesNotContain("[", "%", "ETA");
        assertThat(line.strip()).isEqualTo("1,000 rows  500 rows/s  900 stored  100 unchanged  0 rejected");
    }

    @Test
    void finish_shouldClearTheBarAndPrintTheSummary() {
        // GIVEN a bar drawn once
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TerminalProgress progress = new TerminalProgress(new PrintStream(terminal, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        Snapshot snapshot = new Snapshot(5, 0, 5, 0, 10, 100, Duration.ofSeconds(1));
        progress.update(snapshot);
        ImportSummary summary = new ImportSummary("jira", "export.csv", 5, 0, 0, 5, 5, 0, 0, Map.of(),
                Duration.ofSeconds(1), null);

        // WHEN
        progress.finish(summary);

        // THEN the bar is overwritten with blanks, and the summary goes to the output, not the terminal line
        String drawn = TerminalProgress.line(snapshot);
        assertThat(terminal.toString(StandardCharsets.UTF_8))
                .isEqualTo("\r" + drawn + "\r" + " ".repeat(drawn.length()) + "\r");
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactlyElementsOf(summary.describe());
    }
}

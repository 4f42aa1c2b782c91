package io.demandloop.shared.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.demandloop.shared.imports.ImportProgress.Snapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlainProgressTest {

    private static Snapshot snapshot(long rows, long bytes, long total, Duration elapsed) {
        return new Snapshot(rows, 3, 24_000, 7, bytes, total, elapsed);
    }

    // ---- Snapshot maths ----

    @Test
    void snapshot_shouldComputeRateFractionAndEta_whenTheSizeIsKnown() {
        Snapshot snapshot = snapshot(50_000, 250, 1_000, Duration.ofSeconds(10));

        assertThat(snapshot.rowsPerSecond()).isEqualTo(5_000.0);
        assertThat(snapshot.fraction()).isEqualTo(0.25);
        // a quarter took 10 s: three quarters take 30 s more
        assertThat(snapshot.eta()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void snapshot_shouldHaveNoFractionOrEta_whenTheSizeIsUnknown() {
        Snapshot snapshot = snapshot(50_000, 250, -1, Duration.ofSeconds(10));

        assertThat(snapshot.fraction()).isEqualTo(-1);
        assertThat(snapshot.eta()).isNull();
        assertThat(snapshot.rowsPerSecond()).isEqualTo(5_000.0);
    }

    @Test
    void snapshot_shouldHaveNoEtaAndNoRate_atTheStart() {
        assertThat(snapshot(0, 0, 1_000, Duration.ofSeconds(1)).eta()).isNull();
        assertThat(snapshot(0, 0, 1_000, Duration.ZERO).rowsPerSecond()).isZero();
        assertThat(snapshot(10, 100, 1_000, Duration.ZERO).eta()).isNull();
    }

    @Test
    void snapshot_shouldCapTheFractionAtOne_andEndWithNoTimeLeft() {
        // a zip's compressed bytes are counted against the file's size; a reader may overshoot on its last read
        Snapshot overshoot = snapshot(10, 1_200, 1_000, Duration.ofSeconds(4));

        assertThat(overshoot.fraction()).isEqualTo(1.0);
        assertThat(overshoot.eta()).isEqualTo(Duration.ZERO);
    }

    @ParameterizedTest
    @CsvSource({"1, 1000", "333, 1000", "999, 1000", "5, 7"})
    void snapshot_shouldEstimateTheRestAtTheRateSoFar(long bytes, long total) {
        Snapshot snapshot = snapshot(1, bytes, total, Duration.ofSeconds(60));

        double expectedSeconds = 60.0 * (total - bytes) / bytes;
        assertThat(snapshot.eta().toNanos() / 1e9).isCloseTo(expectedSeconds, within(1e-6));
    }

    // ---- lines ----

    @Test
    void describe_shouldGiveRowsShareRateCountsAndEta() {
        assertThat(PlainProgress.describe(snapshot(63_210, 450, 1_000, Duration.ofSeconds(9))))
                .isEqualTo("63,210 rows (45%), 7,023 rows/s, 24,000 stored, 7 unchanged, 3 rejected, ETA 0:11");
    }

    @Test
    void describe_shouldLeaveOutShareAndEta_whenTheSizeIsUnknown() {
        assertThat(PlainProgress.describe(snapshot(1_000, 450, -1, Duration.ofSeconds(2))))
                .isEqualTo("1,000 rows, 500 rows/s, 24,000 stored, 7 unchanged, 3 rejected");
    }

    @ParameterizedTest
    @CsvSource({"0, 0:00", "1, 0:01", "59, 0:59", "61, 1:01", "3599, 59:59", "3600, 1:00:00", "3723, 1:02:03"})
    void clock_shouldShowMinutesAndSeconds_andHoursWhenThereAreAny(long seconds, String expected) {
        assertThat(PlainProgress.clock(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }

    @Test
    void clock_shouldRoundUp_soThatTimeLeftIsNotShownAsNone() {
        assertThat(PlainProgress.clock(Duration.ofMillis(1))).isEqualTo("0:01");
    }

    @Test
    void updateAndFinish_shouldWritePlainLines() {
        // GIVEN
        List<String> lines = new ArrayList<>();
        PlainProgress progress = new PlainProgress(lines::add, Duration.ofSeconds(5));
        ImportSummary summary = new ImportSummary("servicenow", "log.csv", 10, 1, 2, 7, 6, 1, 0,
                Map.of("row: bad", 1L), Duration.ofMillis(1_500), "log.rejected.csv");

        // WHEN
        progress.update(snapshot(10, 500, 1_000, Duration.ofSeconds(1)));
        progress.finish(summary);

        // THEN
        assertThat(progress.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(lines.get(0)).startsWith("import: 10 rows (50%)");
        assertThat(lines.subList(1, lines.size())).isEqualTo(summary.describe());
        assertThat(lines).noneMatch(line -> line.contains("\r") || line.contains("\u001b"));
        assertThat(summary.describe()).containsExactly(
                "imported log.csv (servicenow) in 1.5 s",
                "  rows read 10: 1 rejected, 2 superseded by a newer row of the same record",
                "  records 7: 6 stored, 1 unchanged (same or newer version already stored), 0 failed",
                "         1 x row: bad",
                "  rejected rows (fix and import again): log.rejected.csv");
    }
}

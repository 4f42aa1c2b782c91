package io.demandloop.shared.imports;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/** Progress as a plain line every interval, for logs and pipes: no carriage returns, no escape codes. */
public final class PlainProgress implements ImportProgress {

    private final Consumer<String> lines;
    private final Duration interval;

    public PlainProgress(Consumer<String> lines, Duration interval) {
        this.lines = Objects.requireNonNull(lines, "lines");
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public void update(Snapshot snapshot) {
        lines.accept("import: " + describe(snapshot));
    }

    @Override
    public void finish(ImportSummary summary) {
        summary.describe().forEach(lines);
    }

    /** {@code 63,210 rows (45%), 52,000 rows/s, 24,000 stored, 0 unchanged, 3 rejected, ETA 0:02}. */
    static String describe(Snapshot snapshot) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%,d rows", snapshot.rowsRead()));
        if (snapshot.fraction() >= 0) {
            text.append(String.format(Locale.ROOT, " (%d%%)", (int) (snapshot.fraction() * 100)));
        }
        text.append(String.format(Locale.ROOT, ", %,.0f rows/s, %,d stored, %,d unchanged, %,d rejected",
                snapshot.rowsPerSecond(), snapshot.stored(), snapshot.unchanged(), snapshot.rowsRejected()));
        Duration eta = snapshot.eta();
        if (eta != null) {
            text.append(", ETA ").append(clock(eta));
        }
        return text.toString();
    }

    /** {@code 1:02:03} or {@code 2:03}. */
    public static String clock(Duration duration) {
        long seconds = Math.max(0, (duration.toMillis() + 999) / 1000);
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}

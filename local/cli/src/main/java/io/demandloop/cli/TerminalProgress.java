package io.demandloop.cli;

import io.demandloop.shared.imports.ImportProgress;
import io.demandloop.shared.imports.ImportSummary;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** A progress bar redrawn in place on a terminal: share done, rows, rows per second and the time left. */
final class TerminalProgress implements ImportProgress {

    private static final int WIDTH = 30;

    private final PrintStream terminal;
    private final PrintStream out;
    private int drawn;

    TerminalProgress(PrintStream terminal, PrintStream out) {
        this.terminal = terminal;
        this.out = out;
    }

    @Override
    public Duration interval() {
        return Duration.ofMillis(250);
    }

    @Override
    public void update(Snapshot snapshot) {
        draw(line(snapshot));
    }

    @Override
    public void finish(ImportSummary summary) {
        draw("");
        terminal.print('\r');
        terminal.flush();
        summary.describe().forEach(out::println);
    }

    static String line(Snapshot snapshot) {
        double fraction = snapshot.fraction();
        StringBuilder text = new StringBuilder();
        if (fraction >= 0) {
            int filled = (int) Math.round(fraction * WIDTH);
            text.append('[').append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append(']')
                    .append(String.format(Locale.ROOT, " %3d%%", (int) (fraction * 100)));
        }
        text.append(String.format(Locale.ROOT, "  %,d rows  %,.0f rows/s  %,d stored  %,d unchanged  %,d rejected",
                snapshot.rowsRead(), snapshot.rowsPerSecond(), snapshot.stored(), snapshot.unchanged(),
                snapshot.rowsRejected()));
        Duration eta = snapshot.eta();
        if (eta != null) {
            text.append("  ETA ").append(io.demandloop.shared.imports.PlainProgress.clock(eta));
        }
        return text.toString();
    }

    private void draw(String line) {
        // Pad over the previous line's tail: a shorter line must not leave old characters behind.
        String padded = line.length() < drawn ? line + " ".repeat(drawn - line.length()) : line;
        terminal.print('\r' + padded);
        terminal.flush();
        drawn = line.length();
    }
}

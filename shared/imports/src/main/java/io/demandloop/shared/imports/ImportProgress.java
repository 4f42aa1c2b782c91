package io.demandloop.shared.imports;

import java.time.Duration;

/**
 * Where an import reports how far it is: a progress bar on a terminal, plain periodic lines in a log. Called from
 * one thread at a time.
 */
public interface ImportProgress {

    /** How often {@link #update} is called while the import runs. */
    Duration interval();

    /** The state of the running import. */
    void update(Snapshot snapshot);

    /** The import ended (also after a failure: then {@code summary} holds what was done until it stopped). */
    void finish(ImportSummary summary);

    /**
     * One moment of a running import.
     *
     * @param rowsRead       data rows read so far
     * @param rowsRejected   rows rejected so far
     * @param stored         records stored so far (new, or newer than what was stored)
     * @param unchanged      records skipped so far because the same or a newer version was already stored
     * @param bytesRead      bytes of the input consumed so far
     * @param totalBytes     the input's size; -1 when unknown
     * @param elapsed        time since the import started
     */
    record Snapshot(long rowsRead, long rowsRejected, long stored, long unchanged, long bytesRead, long totalBytes,
                    Duration elapsed) {

        /** Rows per second over the whole run so far; 0 before the first row. */
        public double rowsPerSecond() {
            double seconds = elapsed.toNanos() / 1e9;
            return seconds <= 0 ? 0 : rowsRead / seconds;
        }

        /** The share of the input consumed, 0 to 1; -1 when the size is unknown. */
        public double fraction() {
            return totalBytes <= 0 ? -1 : Math.min(1.0, (double) bytesRead / totalBytes);
        }

        /** The estimated time left, from the bytes still to read at the rate so far; null when unknown. */
        public Duration eta() {
            double fraction = fraction();
            if (fraction <= 0 || elapsed.isZero()) {
                return null;
            }
            long nanos = (long) (elapsed.toNanos() * (1 - fraction) / fraction);
            return Duration.ofNanos(nanos);
        }
    }

    /** Reports nothing; for tests and callers that only want the summary. */
    ImportProgress NONE = new ImportProgress() {
        @Override
        public Duration interval() {
            return Duration.ofSeconds(1);
        }

        @Override
        public void update(Snapshot snapshot) {
        }

        @Override
        public void finish(ImportSummary summary) {
        }
    };
}

package io.demandloop.shared.imports;

import io.demandloop.shared.ticket.StoreOutcome;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketRepository;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import io.demandloop.shared.source.UnicodeText;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports one export into the ticket store: the one code path of {@code ./demandloop import} and of the import
 * function on AWS.
 *
 * <p>Rows stream through: memory holds one row being read, the newest row of the current record, and a bounded
 * number of writes in flight, whatever the size of the file. Consecutive rows of one record (an audit trail's
 * updates) are folded to the row with the highest source version, the first of equal ones; that row is written with
 * {@link TicketRepository#store}, the conditional write of the live ticket store, so the version rules are exactly
 * the live ones: a second import, an older export after a newer one, or live intake before or after changes nothing
 * twice. Conditional writes cannot go into a BatchWriteItem, so they run in parallel instead; a write that fails
 * (throttling past the SDK's own retries, a dropped connection) is retried alone with backoff, and only after every
 * attempt failed does its row go to the rejected-rows file, to import again. A malformed row never stops the import;
 * a file that is not an export of the format (its header) stops it before anything is written.
 *
 * <p><b>Every row is accounted for</b>: {@code rowsRead = rowsRejected + rowsSuperseded + records + rowsNotWritten},
 * and {@code records = stored + unchanged + failed}. A file that breaks mid-way (a truncated zip, an unterminated
 * quote, bytes that stop decoding) ends the reading there: every record complete before the break is written and
 * every write in flight finishes (none is interrupted, so none is counted failed that was in fact stored); the record
 * being read when the file broke is not written, because rows of it may have been lost, and the summary names it and
 * the break. Reading the complete file again completes the import: the version rules make the second run write only
 * what the first did not.
 */
public final class TicketImporter {

    private static final Logger LOG = LoggerFactory.getLogger(TicketImporter.class);

    /** Writes in flight by default: enough to keep DynamoDB busy from one process without throttling a new table. */
    public static final int DEFAULT_PARALLELISM = 16;
    /** Attempts per record before it is given up and its row rejected. */
    public static final int DEFAULT_ATTEMPTS = 6;
    /** Distinct reasons listed in the summary; the rest are counted together. */
    static final int MAX_REASONS = 10;

    private final TicketRepository tickets;
    private final int parallelism;
    private final int attempts;
    private final Duration firstBackoff;
    private final Sleeper sleeper;
    private final LongSupplier nanoTime;

    /** Pauses a writer between attempts; injected so that tests need not wait. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public TicketImporter(TicketRepository tickets) {
        this(tickets, DEFAULT_PARALLELISM, DEFAULT_ATTEMPTS, Duration.ofMillis(100),
                d -> Thread.sleep(d.toMillis()), System::nanoTime);
    }

    /**
     * @param parallelism  conditional writes in flight at most
     * @param attempts     attempts per record before its row is rejected
     * @param firstBackoff the pause after the first failed attempt; doubled after each further one (with jitter)
     */
    public TicketImporter(TicketRepository tickets, int parallelism, int attempts, Duration firstBackoff,
                          Sleeper sleeper, LongSupplier nanoTime) {
        this.tickets = Objects.requireNonNull(tickets, "tickets");
        if (parallelism < 1 || attempts < 1) {
            throw new IllegalArgumentException("parallelism and attempts must be positive");
        }
        this.parallelism = parallelism;
        this.attempts = attempts;
        this.firstBackoff = Objects.requireNonNull(firstBackoff, "firstBackoff");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /**
     * Imports an export.
     *
     * @param in           the export's bytes (CSV, or a zip holding one); closed at the end
     * @param name         names the input in messages and the summary
     * @param totalBytes   the input's size for the progress estimate; -1 when unknown
     * @param rejectedRows where rejected rows go; created only if there are any
     * @throws CsvFormatException when the input is not an export of this format; nothing is written then
     * @throws IOException        when the input cannot be read; what was written until then stays (a rerun
     *                            continues where it left off, by the version rules)
     */
    public ImportSummary run(ExportFormat format, InputStream in, String name, long totalBytes, Path rejectedRows,
                             ImportProgress progress) throws IOException, InterruptedException {
        CountingInputStream counted = new CountingInputStream(in);
        Run run = new Run(format.name(), name, counted, totalBytes, progress);
        try (Reader text = ExportInput.open(counted, name);
             TicketExportReader reader = format.open(text);
             RejectedRowsFile rejects = new RejectedRowsFile(rejectedRows, reader.columns())) {
            run.rejects = rejects;
            return run.execute(reader);
        }
    }

    /** The state of one import. */
    private final class Run {
        private final String format;
        private final String input;
        private final CountingInputStream counted;
        private final long totalBytes;
        private final ImportProgress progress;
        private final long started = nanoTime.getAsLong();
        private final AtomicLong rowsRead = new AtomicLong();
        private final AtomicLong rowsRejected = new AtomicLong();
        private final AtomicLong stored = new AtomicLong();
        private final AtomicLong unchanged = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final Map<String, Long> reasons = new HashMap<>();
        private long superseded;
        private long records;
        private long notWritten;
        private String notWrittenRecord;
        private String broken;
        private RejectedRowsFile rejects;

        Run(String format, String input, CountingInputStream counted, long totalBytes, ImportProgress progress) {
            this.format = format;
            this.input = input;
            this.counted = counted;
            this.totalBytes = totalBytes;
            this.progress = Objects.requireNonNull(progress, "progress");
        }

        ImportSummary execute(TicketExportReader reader) throws IOException, InterruptedException {
            ExecutorService writers = Executors.newFixedThreadPool(parallelism, daemon("demandloop-import-writer"));
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("demandloop-import-progress"));
            Semaphore inFlight = new Semaphore(parallelism * 4);
            long tick = Math.max(1, progress.interval().toMillis());
            ticker.scheduleAtFixedRate(() -> progress.update(snapshot()), tick, tick, TimeUnit.MILLISECONDS);
            boolean finished = false;
            ImportSummary summary = null;
            try {
                String currentKey = null;
                ImportRow newest = null;
                long currentRows = 0;
                while (true) {
                    ImportRow row;
                    try {
                        row = reader.next();
                    } catch (IOException | RuntimeException e) {
                        // The file broke mid-way: what was complete before is written, the record at the break is not.
                        broken = describeBreak(e);
                        LOG.warn("{}: the file breaks after row {}: {}", input, rowsRead.get(), broken);
                        break;
                    }
                    if (row == null) {
                        break;
                    }
                    rowsRead.incrementAndGet();
                    String textProblem = textProblem(row, reader.columns());
                    if (textProblem != null) {
                        reject(row, textProblem);
                        rowsRejected.incrementAndGet();
                        continue;
                    }
                    if (!row.isAccepted()) {
                        reject(row, row.problem());
                        rowsRejected.incrementAndGet();
                        continue;
                    }
                    String key = row.ticket().key();
                    if (key.equals(currentKey)) {
                        currentRows++;
                        if (row.ticket().sourceVersion() > newest.ticket().sourceVersion()) {
                            newest = row;
                        }
                        continue;
                    }
                    if (newest != null) {
                        superseded += currentRows - 1;
                        submit(writers, inFlight, newest);
                    }
                    currentKey = key;
                    newest = row;
                    currentRows = 1;
                }
                if (newest != null && broken == null) {
                    superseded += currentRows - 1;
                    submit(writers, inFlight, newest);
                } else if (newest != null) {
                    notWritten = currentRows;
                    notWrittenRecord = newest.ticket().key();
                }
                writers.shutdown();
                while (!writers.awaitTermination(1, TimeUnit.SECONDS)) {
                    // keep waiting: every write ends, by success or after its last attempt
                }
                finished = true;
            } finally {
                if (!finished) {
                    writers.shutdownNow();
                    // Let interrupted writers record their rows before the rejected-rows file is closed.
                    writers.awaitTermination(10, TimeUnit.SECONDS);
                }
                ticker.shutdownNow();
                ticker.awaitTermination(1, TimeUnit.SECONDS);
                summary = summary();
                progress.finish(summary);
            }
            return summary; // the one the progress was given, elapsed time included
        }

        private void submit(ExecutorService writers, Semaphore inFlight, ImportRow row) throws InterruptedException {
            records++;
            inFlight.acquire();
            writers.execute(() -> {
                try {
                    write(row);
                } finally {
                    inFlight.release();
                }
            });
        }

        private void write(ImportRow row) {
            Ticket ticket = row.ticket();
            Duration backoff = firstBackoff;
            for (int attempt = 1; ; attempt++) {
                try {
                    StoreOutcome outcome = tickets.store(ticket);
                    (outcome == StoreOutcome.STORED ? stored : unchanged).incrementAndGet();
                    return;
                } catch (RuntimeException e) {
                    if (attempt >= attempts) {
                        LOG.warn("ticket {} not stored after {} attempts: {}", ticket.key(), attempts, e.toString());
                        failed.incrementAndGet();
                        reject(row, "not stored after " + attempts + " attempts: " + e.getMessage());
                        return;
                    }
                    try {
                        long jittered = backoff.toMillis() / 2 + ThreadLocalRandom.current().nextLong(backoff.toMillis() / 2 + 1);
                        sleeper.sleep(Duration.ofMillis(jittered));
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        failed.incrementAndGet();
                        reject(row, "not stored: the import was interrupted");
                        return;
                    }
                    backoff = backoff.multipliedBy(2);
                }
            }
        }

        private void reject(ImportRow row, String problem) {
            rejects.write(row, problem);
            synchronized (reasons) {
                reasons.merge(problem, 1L, Long::sum);
            }
        }

        private ImportProgress.Snapshot snapshot() {
            return new ImportProgress.Snapshot(rowsRead.get(), rowsRejected.get(), stored.get(), unchanged.get(),
                    counted.count(), totalBytes, Duration.ofNanos(nanoTime.getAsLong() - started));
        }

        private ImportSummary summary() {
            Map<String, Long> top = new LinkedHashMap<>();
            synchronized (reasons) {
                reasons.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                                .thenComparing(Map.Entry.comparingByKey()))
                        .limit(MAX_REASONS)
                        .forEach(e -> top.put(e.getKey(), e.getValue()));
                long rest = reasons.values().stream().mapToLong(Long::longValue).sum()
                        - top.values().stream().mapToLong(Long::longValue).sum();
                if (rest > 0) {
                    top.put("(" + (reasons.size() - top.size()) + " other reasons)", rest);
                }
            }
            Path file = rejects == null ? null : rejects.path();
            return new ImportSummary(format, input, rowsRead.get(), rowsRejected.get(), superseded, records,
                    stored.get(), unchanged.get(), failed.get(), top,
                    Duration.ofNanos(nanoTime.getAsLong() - started), file == null ? null : file.toString(),
                    notWritten, notWrittenRecord, broken);
        }

        private String describeBreak(Exception e) {
            String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return "the file breaks after " + rowsRead.get() + " rows (" + counted.count() + " bytes read): " + what;
        }
    }

    /**
     * Null when every value of the row is text as it was in the file; else the problem, naming the column: bytes that
     * are not UTF-8 (read as a lone surrogate, {@link ExportInput#INVALID_BYTES}) are refused, never replaced.
     */
    static String textProblem(ImportRow row, List<String> columns) {
        List<String> values = row.values();
        for (int i = 0; i < values.size(); i++) {
            int at = UnicodeText.firstLoneSurrogate(values.get(i));
            if (at >= 0) {
                String column = i < columns.size() ? "column '" + columns.get(i) + "'" : "value " + (i + 1);
                return column + " is not valid UTF-8 text (invalid bytes at character " + at
                        + "); text is kept exactly or refused, so fix the bytes and import the row again";
            }
        }
        return null;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong count = new AtomicLong();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Counts the bytes read, for the progress estimate; the count is read from another thread. */
    static final class CountingInputStream extends FilterInputStream {
        private final AtomicLong count = new AtomicLong();

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count.get();
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count.addAndGet(skipped);
            return skipped;
        }
    }
}

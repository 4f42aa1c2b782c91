package io.demandloop.shared.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.testing.ForwardingTicketRepository;
import io.demandloop.shared.testing.InMemoryTicketRepository;
import io.demandloop.shared.ticket.StoreOutcome;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketRepository;
import io.demandloop.shared.ticket.TicketState;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TicketImporterTest {

    private static final String HEADER = "number,incident_state,sys_mod_count,opened_at,priority,sys_updated_at,category\r\n";

    private final ExportFormat servicenow = ExportFormats.create("servicenow", DemandloopConfig.defaults());
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;

    /** An importer that never sleeps: backoffs are recorded instead. */
    private TicketImporter importer(TicketRepository repository, int parallelism, int attempts) {
        return new TicketImporter(repository, parallelism, attempts, Duration.ofMillis(100), sleeps::add, System::nanoTime);
    }

    private TicketImporter importer(TicketRepository repository) {
        return importer(repository, 4, 3);
    }

    private static String row(String number, String state, int version) {
        return number + "," + state + "," + version + ",5/3/2016 12:00,2 - Medium,5/3/2016 12:" + String.format("%02d", version)
                + ",Category 1\r\n";
    }

    private ImportSummary run(TicketImporter importer, String csv, ImportProgress progress)
            throws IOException, InterruptedException {
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        return importer.run(servicenow, new ByteArrayInputStream(bytes), "export.csv", bytes.length, rejected(),
                progress);
    }

    private ImportSummary run(TicketImporter importer, String csv) throws IOException, InterruptedException {
        return run(importer, csv, ImportProgress.NONE);
    }

    private Path rejected() {
        return dir.resolve("export.rejected.csv");
    }

    private static Ticket stored(InMemoryTicketRepository repository, String number) {
        return repository.find("servicenow", TicketKind.INCIDENT, number).orElseThrow(
                () -> new AssertionError(number + " was not stored"));
    }

    private static String key(String number) {
        return Ticket.key("servicenow", TicketKind.INCIDENT, number);
    }

    // ---- folding and the version rules ----

    @Test
    void run_shouldWriteTheHighestVersionOfConsecutiveRows_whenARecordHasSeveral() throws Exception {
        // GIVEN an audit trail: INC1 with versions out of order, INC2 with two rows of equal version
        String csv = HEADER
                + row("INC1", "New", 0)
                + row("INC1", "Resolved", 3)
                + row("INC1", "Active", 2)
                + "INC2,New,1,5/3/2016 12:00,2 - Medium,5/3/2016 12:01,first\r\n"
                + "INC2,Active,1,5/3/2016 12:00,2 - Medium,5/3/2016 12:01,second\r\n";
        CountingRepository repository = new CountingRepository(new InMemoryTicketRepository());

        // WHEN
        ImportSummary summary = run(importer(repository), csv);

        // THEN one write per record, of the highest version (the first of equal ones)
        assertThat(repository.calls(key("INC1"))).isEqualTo(1);
        assertThat(repository.calls(key("INC2"))).isEqualTo(1);
        assertThat(stored(repository.inMemory(), "INC1").sourceVersion()).isEqualTo(3);
        assertThat(stored(repository.inMemory(), "INC1").state()).isEqualTo(TicketState.RESOLVED);
        assertThat(stored(repository.inMemory(), "INC2").category()).isEqualTo("first");
        assertThat(summary.rowsRead()).isEqualTo(5);
        assertThat(summary.rowsSuperseded()).isEqualTo(3);
        assertThat(summary.records()).isEqualTo(2);
        assertThat(summary.stored()).isEqualTo(2);
        assertThat(summary.unchanged()).isZero();
        assertThat(summary.rowsRejected()).isZero();
        assertThat(summary.complete()).isTrue();
        assertThat(summary.rejectedRows()).isNull();
        assertThat(rejected()).doesNotExist();
    }

    @Test
    void run_shouldWriteEachRunOfRowsAndLetTheVersionRuleDecide_whenRowsOfARecordAreApart() throws Exception {
        // GIVEN INC1's newer row first, then INC2, then an older row of INC1
        String csv = HEADER + row("INC1", "Resolved", 5) + row("INC2", "New", 0) + row("INC1", "Active", 2);
        CountingRepository repository = new CountingRepository(new InMemoryTicketRepository());

        // WHEN
        ImportSummary summary = run(importer(repository, 1, 3), csv);

        // THEN INC1 is written twice and the newer version stays
        assertThat(repository.calls(key("INC1"))).isEqualTo(2);
        assertThat(stored(repository.inMemory(), "INC1").sourceVersion()).isEqualTo(5);
        assertThat(summary.records()).isEqualTo(3);
        assertThat(summary.stored()).isEqualTo(2);
        assertThat(summary.unchanged()).isEqualTo(1);
        assertThat(summary.rowsSuperseded()).isZero();
    }

    @Test
    void run_shouldChangeNothing_whenTheSameExportIsImportedTwice() throws Exception {
        // GIVEN
        String csv = HEADER + row("INC1", "New", 0) + row("INC1", "Active", 1) + row("INC2", "New", 0)
                + row("INC3", "Closed", 7);
        InMemoryTicketRepository repository = new InMemoryTicketRepository();
        run(importer(repository), csv);
        List<Ticket> afterFirst = repository.all();

        // WHEN
        ImportSummary second = run(importer(repository), csv);

        // THEN
        assertThat(second.records()).isEqualTo(3);
        assertThat(second.stored()).isZero();
        assertThat(second.unchanged()).isEqualTo(3);
        assertThat(second.complete()).isTrue();
        assertThat(repository.all()).containsExactlyInAnyOrderElementsOf(afterFirst);
    }

    @Test
    void run_shouldKeepTheNewerRecords_whenAnOlderExportFollowsANewerOne() throws Exception {
        // GIVEN a newer export imported first
        InMemoryTicketRepository repository = new InMemoryTicketRepository();
        run(importer(repository), HEADER + row("INC1", "Closed", 9) + row("INC2", "Resolved", 4));

        // WHEN an older export of the same records is imported
        ImportSummary older = run(importer(repository), HEADER + row("INC1", "New", 1) + row("INC2", "Active", 2));

        // THEN
        assertThat(older.stored()).isZero();
        assertThat(older.unchanged()).isEqualTo(2);
        assertThat(stored(repository, "INC1").state()).isEqualTo(TicketState.CLOSED);
        assertThat(stored(repository, "INC2").sourceVersion()).isEqualTo(4);
    }

    // ---- retries ----

    @Test
    void run_shouldRetryOnlyTheFailedWrites_whenSomeWritesFailAtFirst() throws Exception {
        // GIVEN a store that fails INC2's first two writes and INC4's first one
        CountingRepository repository = new CountingRepository(new InMemoryTicketRepository(),
                Map.of(key("INC2"), 2, key("INC4"), 1));
        String csv = HEADER + IntStream.rangeClosed(1, 5).mapToObj(i -> row("INC" + i, "New", 0))
                .collect(Collectors.joining());

        // WHEN
        ImportSummary summary = run(importer(repository, 4, 3), csv);

        // THEN the failed writes were retried, alone, and every record is stored
        assertThat(repository.calls(key("INC1"))).isEqualTo(1);
        assertThat(repository.calls(key("INC2"))).isEqualTo(3);
        assertThat(repository.calls(key("INC3"))).isEqualTo(1);
        assertThat(repository.calls(key("INC4"))).isEqualTo(2);
        assertThat(repository.calls(key("INC5"))).isEqualTo(1);
        assertThat(repository.inMemory().all()).hasSize(5);
        assertThat(summary.stored()).isEqualTo(5);
        assertThat(summary.failed()).isZero();
        assertThat(summary.complete()).isTrue();
        assertThat(rejected()).doesNotExist();
        // one pause per failed attempt, through the injected sleeper
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void run_shouldRejectTheRowAfterEveryAttempt_whenAWriteAlwaysFails() throws Exception {
        // GIVEN a store that never takes INC2
        CountingRepository repository = new CountingRepository(new InMemoryTicketRepository(),
                Map.of(key("INC2"), Integer.MAX_VALUE));
        String csv = HEADER + row("INC1", "New", 0) + row("INC2", "Active", 3) + row("INC3", "New", 0);

        // WHEN
        ImportSummary summary = run(importer(repository, 2, 4), csv);

        // THEN INC2 was tried 4 times, then its row went to the rejected-rows file; the others are stored
        assertThat(repository.calls(key("INC2"))).isEqualTo(4);
        assertThat(repository.inMemory().all()).extracting(Ticket::sourceId).containsExactlyInAnyOrder("INC1", "INC3");
        assertThat(summary.failed()).isEqualTo(1);
        assertThat(summary.stored()).isEqualTo(2);
        assertThat(summary.complete()).isFalse();
        assertThat(summary.rowsRejected()).isZero();
        assertThat(summary.rejectedRows()).isEqualTo(rejected().toString());
        assertThat(summary.rejectReasons()).containsOnlyKeys("not stored after 4 attempts: throttled INC2");
        List<List<String>> rows = readCsv(rejected());
        assertThat(rows.get(0)).containsExactly("number", "incident_state", "sys_mod_count", "opened_at", "priority",
                "sys_updated_at", "category", "import_line", "import_problem");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1)).containsExactly("INC2", "Active", "3", "5/3/2016 12:00", "2 - Medium",
                "5/3/2016 12:03", "Category 1", "3", "not stored after 4 attempts: throttled INC2");
        assertThat(summary.describe()).anySatisfy(line -> assertThat(line).contains(rejected().toString()));
    }

    @Test
    void run_shouldStoreTheFailedRecord_whenTheRejectedFileIsImportedAgain() throws Exception {
        // GIVEN an import where INC2 could not be stored
        InMemoryTicketRepository target = new InMemoryTicketRepository();
        run(importer(new CountingRepository(target, Map.of(key("INC2"), Integer.MAX_VALUE)), 2, 2),
                HEADER + row("INC1", "New", 0) + row("INC2", "Active", 3));
        byte[] again = Files.readAllBytes(rejected());

        // WHEN the rejected-rows file is imported as it is, once the store works
        ImportSummary retry = new TicketImporter(target, 2, 2, Duration.ZERO, d -> { }, System::nanoTime)
                .run(servicenow, new ByteArrayInputStream(again), "export.rejected.csv", again.length,
                        dir.resolve("second.rejected.csv"), ImportProgress.NONE);

        // THEN
        assertThat(retry.stored()).isEqualTo(1);
        assertThat(retry.complete()).isTrue();
        assertThat(stored(target, "INC2").sourceVersion()).isEqualTo(3);
        assertThat(dir.resolve("second.rejected.csv")).doesNotExist();
    }

    // ---- malformed input ----

    @Test
    void run_shouldStopBeforeWriting_whenTheHeaderLacksARequiredColumn() {
        // GIVEN an export without sys_mod_count
        CountingRepository repository = new CountingRepository(new InMemoryTicketRepository());
        String csv = "number,incident_state,opened_at,priority\r\nINC1,New,5/3/2016 12:00,3\r\n";

        // WHEN / THEN
        assertThatThrownBy(() -> run(importer(repository), csv))
                .isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("sys_mod_count");
        assertThat(repository.totalCalls()).isZero();
        assertThat(rejected()).doesNotExist();
    }

    @Test
    void run_shouldRejectMalformedAndRefusedRowsAndGoOn_andTheFixedRowsImportAgain() throws Exception {
        // GIVEN a short row, a row in a state no rule knows, a row with a bad date, and good rows (one quoted)
        String csv = HEADER
                + row("INC1", "New", 0)
                + "INC2,New,1\r\n"                                         // too few fields
                + row("INC3", "-100", 2)                                   // a state no rule knows
                + "INC4,New,0,5/3/2016 12:00,\"2 - Medium\",?,\"Network, \"\"core\"\"\"\r\n" // quoting survives
                + "INC5,New,0,not a date,3,?,x\r\n";                      // a date of no format
        InMemoryTicketRepository repository = new InMemoryTicketRepository();

        // WHEN
        ImportSummary summary = run(importer(repository), csv);

        // THEN the good rows are stored, the bad ones are in the rejected-rows file in file order, with reasons
        assertThat(repository.all()).extracting(Ticket::sourceId).containsExactlyInAnyOrder("INC1", "INC4");
        assertThat(stored(repository, "INC4").category()).isEqualTo("Network, \"core\"");
        assertThat(summary.rowsRead()).isEqualTo(5);
        assertThat(summary.rowsRejected()).isEqualTo(3);
        assertThat(summary.complete()).isTrue();
        List<List<String>> rows = readCsv(rejected());
        assertThat(rows).hasSize(4);
        assertThat(rows.subList(1, 4)).extracting(r -> r.get(0)).containsExactly("INC2", "INC3", "INC5");
        // the short row is padded, so that its line and problem stay under their columns
        assertThat(rows.get(1)).containsExactly("INC2", "New", "1", "", "", "", "", "3", "expected 7 fields, found 3");
        assertThat(summary.rejectReasons().keySet())
                .anySatisfy(reason -> assertThat(reason).contains("expected 7 fields, found 3"))
                .anySatisfy(reason -> assertThat(reason).contains("'-100'"))
                .anySatisfy(reason -> assertThat(reason).contains("opened_at", "not a date"));

        // WHEN the user fixes the two well-formed rows (keeping the import_ columns) and imports the file
        String fixed = Files.readString(rejected(), StandardCharsets.UTF_8)
                .replace("INC3,-100,", "INC3,Active,")
                .replace("INC5,New,0,not a date,", "INC5,New,0,6/3/2016 09:30,");
        Path fixedFile = dir.resolve("fixed.csv");
        Files.writeString(fixedFile, fixed, StandardCharsets.UTF_8);
        byte[] bytes = Files.readAllBytes(fixedFile);
        ImportSummary again = importer(repository).run(servicenow, new ByteArrayInputStream(bytes), "fixed.csv",
                bytes.length, dir.resolve("fixed.rejected.csv"), ImportProgress.NONE);

        // THEN the fixed records appear; the short row, still unfilled, is rejected again, now for what it lacks
        assertThat(again.stored()).isEqualTo(2);
        assertThat(stored(repository, "INC3").state()).isEqualTo(TicketState.IN_PROGRESS);
        assertThat(stored(repository, "INC5").openedAt()).isEqualTo(Instant.parse("2016-03-06T09:30:00Z"));
        assertThat(again.rowsRejected()).isEqualTo(1);
        List<List<String>> stillRejected = readCsv(dir.resolve("fixed.rejected.csv"));
        // a rejected file's own import_ columns are replaced, not repeated, so it can be imported once more
        assertThat(stillRejected.get(0)).isEqualTo(rows.get(0));
        assertThat(stillRejected.get(1)).startsWith("INC2").last().asString().contains("is missing or empty");
    }

    // ---- progress and bounds ----

    @Test
    void run_shouldFinishTheProgressWithTheSummary() throws Exception {
        // GIVEN a progress that records what it is given; its ticker never fires during the test
        RecordingProgress progress = new RecordingProgress();
        String csv = HEADER + row("INC1", "New", 0) + row("INC1", "Active", 1) + row("INC2", "New", 0)
                + "INC3,New\r\n";

        // WHEN
        ImportSummary summary = run(importer(new InMemoryTicketRepository()), csv, progress);

        // THEN
        assertThat(progress.finished).containsExactly(summary);
        ImportSummary finished = progress.finished.get(0);
        assertThat(finished.format()).isEqualTo("servicenow");
        assertThat(finished.input()).isEqualTo("export.csv");
        assertThat(finished.rowsRead()).isEqualTo(4);
        assertThat(finished.rowsRejected()).isEqualTo(1);
        assertThat(finished.rowsSuperseded()).isEqualTo(1);
        assertThat(finished.records()).isEqualTo(2);
        assertThat(finished.stored()).isEqualTo(2);
        // every snapshot the ticker may have sent stays within the final counts
        assertThat(progress.updates).allSatisfy(s -> assertThat(s.rowsRead()).isLessThanOrEqualTo(4));
    }

    @Test
    void run_shouldNeverHaveMoreWritesInFlightThanItsParallelism() throws Exception {
        // GIVEN a store that holds each of the first writes until `parallelism` of them are in flight together
        int parallelism = 3;
        ConcurrencyRepository repository = new ConcurrencyRepository(new InMemoryTicketRepository(), parallelism);
        String csv = HEADER + IntStream.range(0, 200).mapToObj(i -> row("INC" + i, "New", 0))
                .collect(Collectors.joining());

        // WHEN
        ImportSummary summary = run(importer(repository, parallelism, 1), csv);

        // THEN the bound was reached (the writes run in parallel) and never exceeded
        assertThat(repository.gateOpened()).as("%d writes in flight at once", parallelism).isTrue();
        assertThat(repository.maxInFlight()).isEqualTo(parallelism);
        assertThat(summary.stored()).isEqualTo(200);
    }

    // ---- fakes ----

    /** Reads a CSV file with the project's reader: header first, then each row. */
    private static List<List<String>> readCsv(Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        try (CsvReader reader = CsvReader.open(new StringReader(Files.readString(file, StandardCharsets.UTF_8)),
                List.of(), problems::add)) {
            rows.add(reader.columns());
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row.values());
            }
        }
        assertThat(problems).as("the rejected-rows file is well-formed CSV").isEmpty();
        return rows;
    }

    /** Counts store calls per key, and fails the first calls of some keys as a throttled store would. */
    private static final class CountingRepository extends DelegatingRepository {
        private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        private final Map<String, Integer> failures;

        CountingRepository(InMemoryTicketRepository delegate) {
            this(delegate, Map.of());
        }

        CountingRepository(InMemoryTicketRepository delegate, Map<String, Integer> failures) {
            super(delegate);
            this.failures = failures;
        }

        @Override
        public StoreOutcome store(Ticket ticket) {
            int call = calls.computeIfAbsent(ticket.key(), k -> new AtomicInteger()).incrementAndGet();
            if (call <= failures.getOrDefault(ticket.key(), 0)) {
                throw new IllegalStateException("throttled " + ticket.sourceId());
            }
            return super.store(ticket);
        }

        int calls(String key) {
            AtomicInteger count = calls.get(key);
            return count == null ? 0 : count.get();
        }

        int totalCalls() {
            return calls.values().stream().mapToInt(AtomicInteger::get).sum();
        }
    }

    /** Tracks concurrent store calls; the first calls wait until {@code expected} are in flight together. */
    private static final class ConcurrencyRepository extends DelegatingRepository {
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger max = new AtomicInteger();
        private final CountDownLatch gate = new CountDownLatch(1);
        private final int expected;

        ConcurrencyRepository(InMemoryTicketRepository delegate, int expected) {
            super(delegate);
            this.expected = expected;
        }

        @Override
        public StoreOutcome store(Ticket ticket) {
            int now = inFlight.incrementAndGet();
            max.accumulateAndGet(now, Math::max);
            try {
                if (now >= expected) {
                    gate.countDown();
                }
                // Not a timing assumption: a generous bound so that a sequential importer fails instead of hanging.
                gate.await(10, TimeUnit.SECONDS);
                return super.store(ticket);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                inFlight.decrementAndGet();
            }
        }

        boolean gateOpened() {
            return gate.getCount() == 0;
        }

        int maxInFlight() {
            return max.get();
        }
    }

    private abstract static class DelegatingRepository extends ForwardingTicketRepository {
        private final InMemoryTicketRepository delegate;

        DelegatingRepository(InMemoryTicketRepository delegate) {
            super(delegate);
            this.delegate = delegate;
        }

        InMemoryTicketRepository inMemory() {
            return delegate;
        }
    }

    private static final class RecordingProgress implements ImportProgress {
        final List<ImportProgress.Snapshot> updates = Collections.synchronizedList(new ArrayList<>());
        final List<ImportSummary> finished = new CopyOnWriteArrayList<>();

        @Override
        public Duration interval() {
            return Duration.ofHours(1);
        }

        @Override
        public void update(Snapshot snapshot) {
            updates.add(snapshot);
        }

        @Override
        public void finish(ImportSummary summary) {
            finished.add(summary);
        }
    }
}

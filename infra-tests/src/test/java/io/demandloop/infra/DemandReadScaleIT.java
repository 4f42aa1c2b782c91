package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.demandloop.local.LocalStack;
import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.alert.aws.DynamoDbAlertRepository;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.demand.DemandConfig;
import io.demandloop.shared.demand.DemandFactsReader;
import io.demandloop.shared.demand.DemandInputs;
import io.demandloop.shared.demand.ServiceCatalog;
import io.demandloop.shared.demand.SlaBreachCount;
import io.demandloop.shared.fixtures.DemandHistoryGenerator.History;
import io.demandloop.shared.fixtures.DemandHistoryGenerator;
import io.demandloop.shared.sla.SlaBreach;
import io.demandloop.shared.sla.aws.DynamoDbSlaRepository;
import io.demandloop.shared.ticket.ChangeDetails;
import io.demandloop.shared.ticket.StoreOutcome;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.aws.DynamoDbTicketRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The scale claim of issue 6 ("Scale and cost"), measured: what the nightly read ({@link DemandFactsReader#read})
 * costs depends on the services and the window, not on the history before the evaluation's span. On its own
 * embedded stack (DynamoDB Local in memory, the unmodified SDK and adapters) the span of the seeded generator's year
 * (tickets, alert episodes, and SLA breaches as SLA tracking records them) is stored twice: (a) in the template's
 * tables with one generated year of older history right before the span, (b) in empty copies of those tables with
 * ten such years. Each night is read through a client whose interceptor
 * asks for the consumed capacity and refuses any Scan: read units, requests and items must be the same; the read
 * inputs equal. A read over the whole history is metered too, to show the meter sees the older years. Both nights
 * are then timed alternately in the same warm JVMs and the times logged for docs/PERFORMANCE.md, never asserted.
 *
 * <p>The older years are the generator with other seeds, moved back by whole years so that the first of them ends
 * exactly where the span starts (it shares the span's first month partition of {@code OpenedIndex}), with their
 * ticket numbers prefixed so that no year overwrites another. To keep the run short (about a minute), only
 * {@link #SERVICES} are stored and listed in the catalog.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemandReadScaleIT {

    private static final Logger LOG = LoggerFactory.getLogger(DemandReadScaleIT.class);
    private static final Instant AS_OF = DemandHistoryGenerator.AS_OF;
    private static final long SEED = 42;
    private static final Duration YEAR = Duration.ofDays(365);
    /** Four planted services (not the noisy alert source: its ~3 000 episodes a year would dominate) and eight background ones. */
    private static final Set<String> SERVICES = Set.of(DemandHistoryGenerator.OUTAGES, DemandHistoryGenerator.HAMMERED,
            DemandHistoryGenerator.QUIET, DemandHistoryGenerator.NAGGING, "CRM", "Data Warehouse", "VPN", "Printing",
            "Telephony", "Billing", "Inventory", "Website");
    private static final int OLDER_YEARS = 10;
    private static final int WARM_UP_ROUNDS = 40;
    private static final int TIMED_ROUNDS = 15;

    private final ReadMeter meter = new ReadMeter();
    private LocalStack stack;
    private DynamoDbClient plainClient;
    private DynamoDbClient meteredClient;
    private History window;
    private ServiceCatalog catalog;
    private DemandConfig config;
    private Instant spanStart;

    @BeforeAll
    void startStack() {
        stack = EmbeddedStack.startPrivate();
        plainClient = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        meteredClient = meter.client();
        window = new DemandHistoryGenerator(SEED).generate();
        catalog = ScaleTables.limitedTo(window.catalog(), SERVICES);
        config = DemandConfig.from(DemandloopConfig.defaults());
        spanStart = new DemandFactsReader(new DynamoDbTicketRepository(plainClient, "unused"),
                new DynamoDbAlertRepository(plainClient, "unused"), new DynamoDbSlaRepository(plainClient, "unused"),
                catalog, config).spanStart(AS_OF);
    }

    @AfterAll
    void stopStack() {
        if (meteredClient != null) {
            meteredClient.close();
        }
        if (plainClient != null) {
            plainClient.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void nightlyRead_shouldCostTheSame_whenTheHistoryBeforeTheSpanGrowsTenfold() throws Exception {
        // GIVEN the same span with one older year (the template's tables) and with ten (copies of them, in the same
        // DynamoDB Local, so that both nights can be timed alternately in the same warm JVMs)
        Universe one = new Universe("1x", stack.template().physicalName("TicketsTable"),
                stack.template().physicalName("AlertsTable"), stack.template().physicalName("SlaTable"));
        Universe ten = new Universe("10x", copyTable(stack.template().physicalName("TicketsTable"), "ScaleTenTickets"),
                copyTable(stack.template().physicalName("AlertsTable"), "ScaleTenAlerts"),
                copyTable(stack.template().physicalName("SlaTable"), "ScaleTenSla"));
        Stored oneSpan = one.storeSpan();
        Stored oneOlder = one.storeOlderYears(1);
        Stored tenSpan = ten.storeSpan();
        Stored tenOlder = ten.storeOlderYears(OLDER_YEARS);
        LOG.info("stored the span: {} tickets, {} episodes, {} breaches in {} ms; 1 older year: {} tickets, {} episodes,"
                        + " {} breaches in {} ms", oneSpan.tickets(), oneSpan.episodes(), oneSpan.breaches(),
                oneSpan.millis(), oneOlder.tickets(), oneOlder.episodes(), oneOlder.breaches(), oneOlder.millis());
        LOG.info("stored the span again: {} tickets, {} episodes, {} breaches in {} ms; {} older years: {} tickets, {}"
                        + " episodes, {} breaches in {} ms", tenSpan.tickets(), tenSpan.episodes(), tenSpan.breaches(),
                tenSpan.millis(), OLDER_YEARS, tenOlder.tickets(), tenOlder.episodes(), tenOlder.breaches(),
                tenOlder.millis());

        // WHEN each night is read, metered; then timed alternately
        Night oneNight = one.readNight();
        Night tenNight = ten.readNight();
        time(one, ten);

        // THEN the older history was really there, ten times over
        assertThat(tenSpan).isEqualTo(new Stored(oneSpan.tickets(), oneSpan.episodes(), oneSpan.breaches(), tenSpan.millis()));
        assertThat(oneOlder.tickets()).isGreaterThan(oneSpan.tickets());
        assertThat(tenOlder.tickets()).isGreaterThanOrEqualTo(9L * oneOlder.tickets());
        assertThat(oneOlder.breaches()).isGreaterThan(oneSpan.breaches());
        assertThat(tenOlder.breaches()).isGreaterThanOrEqualTo(9L * oneOlder.breaches());
        // AND each night read exactly the span, by Query alone
        assertThat(oneNight.inputs().tickets()).extracting(Ticket::key).containsExactlyInAnyOrderElementsOf(
                window.inputs().tickets().stream().filter(t -> SERVICES.contains(t.service()) && inSpan(t.openedAt()))
                        .map(Ticket::key).toList());
        assertThat(oneNight.inputs().episodes()).isNotEmpty().allSatisfy(e -> assertThat(inSpan(e.start())).isTrue());
        assertThat(oneNight.inputs().slaBreaches()).isEqualTo(window.inputs().slaBreaches().stream()
                .filter(b -> SERVICES.contains(b.service()) && inSpan(b.day().atTime(12, 0).toInstant(java.time.ZoneOffset.UTC)))
                .sorted(java.util.Comparator.comparing(SlaBreachCount::service).thenComparing(SlaBreachCount::day))
                .toList());
        assertThat(tenNight.inputs()).isEqualTo(oneNight.inputs());
        assertThat(oneNight.cost().operations()).containsOnly("Query");
        assertThat(tenNight.cost().operations()).containsOnly("Query");
        // AND it cost the same: read units within 5 % (equal, in fact), the same requests and items
        assertThat(oneNight.cost().readUnits()).isPositive();
        assertThat(tenNight.cost().readUnits()).isCloseTo(oneNight.cost().readUnits(), withinPercentage(5));
        assertThat(tenNight.cost().requests()).isEqualTo(oneNight.cost().requests());
        assertThat(tenNight.cost().items()).isEqualTo(oneNight.cost().items());
        assertThat(tenNight.cost().scanned()).isEqualTo(oneNight.cost().scanned());
        // AND the meter does see the older history: a read over all of it costs several times more with ten years
        assertThat(tenNight.wholeHistory().readUnits()).isGreaterThan(5 * oneNight.wholeHistory().readUnits());
        assertThat(tenNight.wholeBreaches().items()).isGreaterThan(5 * oneNight.wholeBreaches().items());
    }

    private boolean inSpan(Instant instant) {
        return !instant.isBefore(spanStart) && instant.isBefore(AS_OF);
    }

    /** Times the two nights alternately (warm-up rounds first) and logs the lines docs/PERFORMANCE.md quotes. */
    private void time(Universe one, Universe ten) {
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            one.reader().read(AS_OF); // class loading, connections, both JVMs' JIT
            ten.reader().read(AS_OF);
        }
        long[] oneMillis = new long[TIMED_ROUNDS];
        long[] tenMillis = new long[TIMED_ROUNDS];
        for (int i = 0; i < TIMED_ROUNDS; i++) {
            oneMillis[i] = millisToRead(one);
            tenMillis[i] = millisToRead(ten);
        }
        for (Universe universe : List.of(one, ten)) {
            long[] millis = universe == one ? oneMillis : tenMillis;
            long[] sorted = millis.clone();
            Arrays.sort(sorted);
            LOG.info("{}: wall time of {} reads (alternating with the other) {} ms, min {} ms, median {} ms",
                    universe.label(), TIMED_ROUNDS, Arrays.toString(millis), sorted[0], sorted[TIMED_ROUNDS / 2]);
        }
    }

    private static long millisToRead(Universe universe) {
        long start = System.nanoTime();
        universe.reader().read(AS_OF);
        return (System.nanoTime() - start) / 1_000_000;
    }

    private String copyTable(String source, String name) {
        return ScaleTables.emptyCopy(plainClient, source, name);
    }

    /** One set of tables with its history, read through the metered client. */
    private final class Universe {

        private final String label;
        private final DynamoDbTicketRepository tickets;
        private final DynamoDbAlertRepository alerts;
        private final DynamoDbSlaRepository sla;
        private final DynamoDbTicketRepository meteredTickets;
        private final DynamoDbSlaRepository meteredSla;
        private final DemandFactsReader reader;

        Universe(String label, String ticketsTable, String alertsTable, String slaTable) {
            this.label = label;
            tickets = new DynamoDbTicketRepository(plainClient, ticketsTable);
            alerts = new DynamoDbAlertRepository(plainClient, alertsTable);
            sla = new DynamoDbSlaRepository(plainClient, slaTable);
            meteredTickets = new DynamoDbTicketRepository(meteredClient, ticketsTable);
            meteredSla = new DynamoDbSlaRepository(meteredClient, slaTable);
            reader = new DemandFactsReader(meteredTickets, new DynamoDbAlertRepository(meteredClient, alertsTable),
                    meteredSla, catalog, config);
        }

        String label() {
            return label;
        }

        DemandFactsReader reader() {
            return reader;
        }

        Stored storeSpan() throws Exception {
            return store(window.inputs().tickets(), window.inputs().episodes(), window.trackedBreaches(),
                    t -> inSpan(t.openedAt()), e -> inSpan(e.start()), b -> inSpan(b.breachedAt()));
        }

        /** Reads the night once metered, and once over the whole history for contrast; logs what it cost. */
        Night readNight() {
            reader.read(AS_OF); // the first read of a client loads classes and opens connections
            ReadCost cost = meter.measure(() -> reader.read(AS_OF));
            // A read that does depend on the history: every month of every kind, and every breach, since the oldest year.
            Instant oldest = spanStart.minus(YEAR.multipliedBy(OLDER_YEARS));
            ReadCost whole = meter.measure(() -> {
                for (TicketKind kind : TicketKind.values()) {
                    meteredTickets.findOpenedBetween(kind, oldest, AS_OF.minusMillis(1));
                }
            });
            ReadCost wholeBreaches = meter.measure(() -> SERVICES.forEach(s -> meteredSla.breachesBetween(s, oldest, AS_OF)));
            DemandInputs inputs = reader.read(AS_OF);
            LOG.info("{}: {} read units, {} requests ({}), {} items returned ({} matched by key), {} tickets, {}"
                            + " episodes and {} breached tickets read", label, cost.readUnits(), cost.requests(),
                    String.join(",", Set.copyOf(cost.operations())), cost.items(), cost.scanned(),
                    inputs.tickets().size(), inputs.episodes().size(),
                    inputs.slaBreaches().stream().mapToInt(SlaBreachCount::breaches).sum());
            LOG.info("{}, for contrast: the tickets of the whole history by OpenedIndex: {} read units, {} requests, {} items;"
                            + " its breaches by BreachIndex: {} read units, {} requests, {} items", label, whole.readUnits(),
                    whole.requests(), whole.items(), wholeBreaches.readUnits(), wholeBreaches.requests(), wholeBreaches.items());
            return new Night(inputs, cost, whole, wholeBreaches);
        }

        /** Stores older years {@code 1..last}: year k is the generator with seed {@code SEED + k}, ending k − 1 years before the span. */
        Stored storeOlderYears(int last) throws Exception {
            long ticketCount = 0;
            long episodeCount = 0;
            long breachCount = 0;
            long millis = 0;
            for (int k = 1; k <= last; k++) {
                History year = new DemandHistoryGenerator(SEED + k).generate();
                Duration back = Duration.between(spanStart, AS_OF).plus(YEAR.multipliedBy(k - 1L));
                String prefix = "Y" + k + "-";
                Map<String, String> renamed = new HashMap<>();
                List<Ticket> moved = new ArrayList<>();
                for (Ticket t : year.inputs().tickets()) {
                    Ticket m = shift(t, back, prefix);
                    renamed.put(t.key(), m.key());
                    moved.add(m);
                }
                List<AlertEpisode> episodes = year.inputs().episodes().stream()
                        .map(e -> shift(e, back, renamed)).toList();
                List<SlaBreach> breaches = year.trackedBreaches().stream().map(b -> shift(b, back, prefix)).toList();
                assertThat(moved).allSatisfy(t -> assertThat(t.openedAt()).isBefore(spanStart));
                assertThat(breaches).allSatisfy(b -> assertThat(b.breachedAt()).isBefore(spanStart));
                Stored stored = store(moved, episodes, breaches, t -> true, e -> true, b -> true);
                ticketCount += stored.tickets();
                episodeCount += stored.episodes();
                breachCount += stored.breaches();
                millis += stored.millis();
            }
            return new Stored(ticketCount, episodeCount, breachCount, millis);
        }

        /**
         * Stores the tickets, episodes and breaches of {@link #SERVICES} that pass the filters, 8 writes at a time;
         * every ticket and breach must be new.
         */
        private Stored store(List<Ticket> all, List<AlertEpisode> allEpisodes, List<SlaBreach> allBreaches,
                             Predicate<Ticket> ticketFilter, Predicate<AlertEpisode> episodeFilter,
                             Predicate<SlaBreach> breachFilter) throws Exception {
            long start = System.nanoTime();
            List<Ticket> chosen = all.stream().filter(t -> SERVICES.contains(t.service())).filter(ticketFilter).toList();
            List<AlertEpisode> episodes = allEpisodes.stream().filter(e -> SERVICES.contains(e.service()))
                    .filter(episodeFilter).toList();
            List<SlaBreach> breaches = allBreaches.stream().filter(b -> SERVICES.contains(b.service()))
                    .filter(breachFilter).toList();
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                List<Future<StoreOutcome>> writes = new ArrayList<>();
                for (Ticket ticket : chosen) {
                    writes.add(threads.submit(() -> tickets.store(ticket)));
                }
                for (AlertEpisode episode : episodes) {
                    writes.add(threads.submit(() -> {
                        alerts.putEpisode(episode);
                        return StoreOutcome.STORED;
                    }));
                }
                for (SlaBreach breach : breaches) {
                    writes.add(threads.submit(() -> sla.recordBreach(breach) ? StoreOutcome.STORED : StoreOutcome.DUPLICATE));
                }
                for (Future<StoreOutcome> write : writes) {
                    assertThat(write.get()).isEqualTo(StoreOutcome.STORED);
                }
            } finally {
                threads.shutdownNow();
            }
            return new Stored(chosen.size(), episodes.size(), breaches.size(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    static Ticket shift(Ticket t, Duration back, String prefix) {
        ChangeDetails change = t.change() == null ? null
                : new ChangeDetails(t.change().outcome(), minus(t.change().plannedStart(), back),
                        minus(t.change().plannedEnd(), back));
        return t.toBuilder().sourceId(prefix + t.sourceId()).number(prefix + t.number())
                .openedAt(minus(t.openedAt(), back)).resolvedAt(minus(t.resolvedAt(), back))
                .closedAt(minus(t.closedAt(), back)).sourceUpdatedAt(minus(t.sourceUpdatedAt(), back))
                .link(t.link() == null ? null : t.link() + "?" + prefix).change(change).signals(null).build();
    }

    static AlertEpisode shift(AlertEpisode e, Duration back, Map<String, String> renamed) {
        return new AlertEpisode(e.service(), minus(e.start(), back), minus(e.lastStart(), back), minus(e.end(), back),
                e.status(), e.maxSeverity(), e.alertCount(), e.firingCount(), e.fingerprintCount(), e.flapping(),
                e.flappingFingerprints(), e.firstAlert(),
                e.linkedIncident() == null ? null : renamed.getOrDefault(e.linkedIncident(), e.linkedIncident()));
    }

    static SlaBreach shift(SlaBreach b, Duration back, String prefix) {
        return new SlaBreach(b.ticketKey().replace("#SLA-", "#" + prefix + "SLA-"), b.metric(), b.cycle(), b.service(),
                b.breachedAt().minus(back));
    }

    private static Instant minus(Instant instant, Duration back) {
        return instant == null ? null : instant.minus(back);
    }

    record Stored(long tickets, long episodes, long breaches, long millis) {
    }

    record Night(DemandInputs inputs, ReadCost cost, ReadCost wholeHistory, ReadCost wholeBreaches) {
    }

    /**
     * What a metered call read: read units (ConsumedCapacity TOTAL), requests by operation, items returned and
     * items matched by the key condition (Query's {@code ScannedCount}, what DynamoDB charges for).
     */
    record ReadCost(double readUnits, int requests, List<String> operations, long items, long scanned) {
    }

    /**
     * Meters the reads of its client: asks every Query, GetItem and BatchGetItem for {@code ReturnConsumedCapacity=TOTAL}
     * and sums what comes back; refuses any Scan, so that a read that depends on the table's size fails the test.
     */
    static final class ReadMeter implements ExecutionInterceptor {

        private final List<String> operations = new CopyOnWriteArrayList<>();
        private final DoubleAdder units = new DoubleAdder();
        private final AtomicLong items = new AtomicLong();
        private final AtomicLong scanned = new AtomicLong();

        DynamoDbClient client() {
            return DynamoDbClient.builder()
                    .httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(c -> c.addExecutionInterceptor(this))
                    .build();
        }

        /** Runs the call alone on this meter and says what it read. Not for concurrent use. */
        synchronized ReadCost measure(Runnable call) {
            operations.clear();
            units.reset();
            items.set(0);
            scanned.set(0);
            call.run();
            return new ReadCost(units.sum(), operations.size(), List.copyOf(operations), items.get(), scanned.get());
        }

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            SdkRequest request = context.request();
            if (request instanceof ScanRequest) {
                throw new IllegalStateException("the nightly read issued a Scan: " + request);
            }
            if (request instanceof QueryRequest query) {
                return query.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            }
            if (request instanceof GetItemRequest get) {
                return get.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            }
            if (request instanceof BatchGetItemRequest batch) {
                return batch.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            }
            return request;
        }

        @Override
        public void afterUnmarshalling(Context.AfterUnmarshalling context, ExecutionAttributes attributes) {
            operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            SdkResponse response = context.response();
            if (response instanceof QueryResponse query) {
                add(query.consumedCapacity());
                items.addAndGet(query.count() == null ? query.items().size() : query.count());
                scanned.addAndGet(query.scannedCount() == null ? 0 : query.scannedCount());
            } else if (response instanceof GetItemResponse get) {
                add(get.consumedCapacity());
                items.addAndGet(get.hasItem() && !get.item().isEmpty() ? 1 : 0);
            } else if (response instanceof BatchGetItemResponse batch) {
                batch.consumedCapacity().forEach(this::add);
                batch.responses().values().forEach(list -> items.addAndGet(list.size()));
            }
        }

        private void add(ConsumedCapacity consumed) {
            if (consumed != null && consumed.capacityUnits() != null) {
                units.add(consumed.capacityUnits());
            }
        }
    }
}

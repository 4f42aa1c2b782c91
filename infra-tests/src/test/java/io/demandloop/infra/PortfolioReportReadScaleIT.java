package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.functions.portfolioreport.PortfolioReportService;
import io.demandloop.functions.portfolioreport.model.PortfolioReport;
import io.demandloop.functions.portfolioreport.model.ServiceHealth;
import io.demandloop.infra.DemandReadScaleIT.ReadCost;
import io.demandloop.infra.DemandReadScaleIT.ReadMeter;
import io.demandloop.local.LocalStack;
import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.alert.aws.DynamoDbAlertRepository;
import io.demandloop.shared.demand.CapacitySnapshot;
import io.demandloop.shared.demand.ServiceCatalog;
import io.demandloop.shared.demand.aws.DynamoDbDemandRepository;
import io.demandloop.shared.fixtures.DemandHistoryGenerator.History;
import io.demandloop.shared.fixtures.DemandHistoryGenerator;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.initiative.aws.DynamoDbInitiativeRepository;
import io.demandloop.shared.outcome.aws.DynamoDbOutcomeRepository;
import io.demandloop.shared.quality.aws.DynamoDbRefusalLog;
import io.demandloop.shared.report.testing.InMemoryReportStore;
import io.demandloop.shared.sla.SlaBreach;
import io.demandloop.shared.sla.aws.DynamoDbSlaRepository;
import io.demandloop.shared.testing.RecordingEventPublisher;
import io.demandloop.shared.ticket.StoreOutcome;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.aws.DynamoDbTicketRepository;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 12's "the job reads by Query only, flat in the history before its windows, as the nightly evaluation does",
 * measured as {@link DemandReadScaleIT} and {@link OutcomeReadScaleIT} measure the nightly reads: the portfolio report
 * ({@link PortfolioReportService#report}, every read {@link PortfolioReportService#publish} makes of DynamoDB) costs the
 * same read units and requests whether the history before its windows is one year or ten.
 *
 * <p>On a private embedded stack, the seeded generator's year (seed 42, twelve services, the catalog limited to them)
 * is the recent data: its tickets, alert episodes and SLA breaches, the generator's two delivered initiatives, the
 * demands and capacity snapshot the template's nightly {@code demand-evaluation} writes from them, the outcomes the
 * nightly {@code outcome-measurement} writes, and a refusal counter on every day of the year. It is stored twice:
 * (a) in the template's tables, (b) in empty copies of them (the demands, initiatives and outcomes copied item by
 * item from (a), so both hold the same ones). Then the older history, the generator with seeds 43... moved back by
 * whole years so that the newest older year ends where the recent year starts, 365 days before the report: tickets,
 * episodes, breaches, a refusal counter every third day and a capacity snapshot every week; (a) gets one older year,
 * (b) ten. The report's longest window is the 26-week incident trend (its 90-day window is shorter), so the older
 * history ends about 26 weeks before the trend starts. Each report is read through a client whose interceptor asks
 * for the consumed capacity (TOTAL) and refuses any Scan.
 *
 * <p>Asserted: the same {@code portfolio.json} bytes (every figure of the report), equal read units, the same requests
 * by operation and the same items; and, as a control, that the incidents of the whole history cost more than five
 * times as much with ten years. The other scale ITs allow the read units 5 % and measured them equal; here they are
 * held equal: the data are seeded and DynamoDB Local charges each request for the items its key condition matches
 * (4 KB units, halved for eventually consistent reads), so any difference is a read reaching outside the windows.
 * The figures alone would not show one: with the incidents' Query started two years earlier (a trial edit), the
 * report's JSON stayed the same while the read units went from 145.0 to 158.5.
 *
 * <p>What the report reads that is not bounded by its windows, so that it grows with something other than the
 * window (the same in both setups here, hence equal; it does not grow with the tickets, episodes, breaches, refusals
 * or snapshots of older years):
 * <ul>
 *   <li>the demands, one Query per tier of {@code TierIndex}: every stored demand, whatever its age; grows with the
 *       number of demands kept (services × patterns ever evaluated, closed and rejected ones included);</li>
 *   <li>the initiatives ({@code findAll}, one Query of the all-index) and the outcomes ({@code findAll}, the current
 *       partition): grow with the initiatives ever recorded and the outcomes ever measured, delivered long ago or not;
 *       a decade of initiatives would cost the report more, unlike a decade of tickets;</li>
 *   <li>the services with alert episodes: one Query of their list, then one episode Query per listed service; a
 *       service retired years ago stays listed and costs an (empty) Query, so this grows with the services that ever
 *       alerted, not with their episodes;</li>
 *   <li>the SLA states: one BatchGetItem per 100 incidents of the window (no SLA states are stored here, so each key
 *       is read and found missing; the request count follows the window's incidents, not the history);</li>
 *   <li>the history's manifest ({@code reports/index.json}, one S3 GET, outside this meter; an empty in-memory
 *       store here): it grows with the number of reports ever published, one entry a day.</li>
 * </ul>
 * The figures are logged for docs/PERFORMANCE.md; no wall-clock time is asserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortfolioReportReadScaleIT {

    private static final Logger LOG = LoggerFactory.getLogger(PortfolioReportReadScaleIT.class);
    private static final Instant NIGHT = DemandHistoryGenerator.AS_OF;
    /** The report runs after the nightly evaluation and measurement, on the same day. */
    private static final Instant AS_OF = NIGHT.plus(Duration.ofHours(3));
    private static final long SEED = 42;
    private static final Duration YEAR = Duration.ofDays(365);
    private static final int OLDER_YEARS = 10;
    private static final int WINDOW_DAYS = 90;
    /** Four planted services and eight background ones, as the other scale ITs; not the noisy alert source. */
    private static final Set<String> SERVICES = Set.of(DemandHistoryGenerator.OUTAGES, DemandHistoryGenerator.HAMMERED,
            DemandHistoryGenerator.QUIET, DemandHistoryGenerator.NAGGING, "CRM", "Data Warehouse", "VPN", "Printing",
            "Telephony", "Billing", "Inventory", "Website");
    private static final List<String[]> REFUSALS = List.of(new String[] {"servicenow", "unauthenticated"},
            new String[] {"jira", "malformed"});

    private final ReadMeter meter = new ReadMeter();
    private LocalStack stack;
    private DynamoDbClient plainClient;
    private DynamoDbClient meteredClient;
    private History year;
    private ServiceCatalog catalog;
    /** Where the recent year starts: everything older is the older history. */
    private Instant recentStart;
    private Instant trendStart;

    @BeforeAll
    void startStack() throws Exception {
        stack = EmbeddedStack.startPrivate(Files.createTempDirectory("report-read-scale"));
        plainClient = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        meteredClient = meter.client();
        year = new DemandHistoryGenerator(SEED).generate();
        catalog = ScaleTables.limitedTo(year.catalog(), SERVICES);
        recentStart = NIGHT.minus(YEAR);
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
    void report_shouldReadTheSame_whenTheHistoryBeforeItsWindowsGrowsTenfold() throws Exception {
        // GIVEN the same recent year, demands, initiatives and outcomes in the template's tables and in copies
        Universe one = new Universe("1x", name("TicketsTable"), name("AlertsTable"), name("SlaTable"),
                name("DemandTable"), name("InitiativesTable"), name("OutcomesTable"));
        long recentTickets = one.storeRecent();
        DynamoDbInitiativeRepository initiatives = new DynamoDbInitiativeRepository(plainClient, name("InitiativesTable"));
        List<Initiative> delivered = DemandHistoryGenerator.initiatives(NIGHT);
        delivered.forEach(i -> assertThat(initiatives.store(i)).isEqualTo(StoreOutcome.STORED));
        stack.scheduler().fire("demand-evaluation", NIGHT);
        stack.scheduler().fire("outcome-measurement", NIGHT);
        assertThat(stack.awaitIdle(Duration.ofSeconds(120))).isTrue();
        Universe ten = new Universe("10x", copyTable(name("TicketsTable"), "ReportScaleTickets", false),
                copyTable(name("AlertsTable"), "ReportScaleAlerts", false),
                copyTable(name("SlaTable"), "ReportScaleSla", false),
                copyTable(name("DemandTable"), "ReportScaleDemand", true),
                copyTable(name("InitiativesTable"), "ReportScaleInitiatives", true),
                copyTable(name("OutcomesTable"), "ReportScaleOutcomes", true));
        assertThat(ten.storeRecent()).isEqualTo(recentTickets);
        one.storeRecentRefusals();
        ten.storeRecentRefusals();
        // AND older history before the recent year: one year in (a), ten in (b)
        long oneOlder = one.storeOlderYears(1);
        long tenOlder = ten.storeOlderYears(OLDER_YEARS);
        LOG.info("recent year from {} to {}: {} tickets; 1 older year: {} tickets; {} older years: {} tickets",
                recentStart, NIGHT, recentTickets, oneOlder, OLDER_YEARS, tenOlder);

        // WHEN each report is read, metered
        Run oneRun = one.report();
        Run tenRun = ten.report();

        // THEN the older history was really there, ten times over, and ends well before the report's windows
        assertThat(trendStart).isAfter(recentStart.plus(Duration.ofDays(150)));
        assertThat(oneOlder).isGreaterThan(recentTickets / 2);
        assertThat(tenOlder).isGreaterThanOrEqualTo(9L * oneOlder);
        // AND the report has every part, and the same figures in both (the same portfolio.json, byte for byte)
        PortfolioReport report = oneRun.report();
        assertThat(report.empty()).isFalse();
        assertThat(report.demands()).isNotEmpty();
        assertThat(report.initiatives()).hasSize(delivered.size());
        assertThat(report.services().services()).extracting(ServiceHealth.ServiceLine::incidents)
                .anyMatch(n -> n > 0);
        assertThat(report.capacity()).isNotNull();
        assertThat(report.dataQuality().refusals().total()).isEqualTo((long) REFUSALS.size() * (WINDOW_DAYS + 1));
        assertThat(new String(tenRun.json())).isEqualTo(new String(oneRun.json()));
        // AND read by Query, GetItem and BatchGetItem only (the meter refuses a Scan), the same requests of each, the
        // same items, and the same read units (exactly: see the class comment for why no tolerance)
        assertThat(oneRun.cost().operations()).isNotEmpty()
                .allMatch(op -> op.equals("Query") || op.equals("GetItem") || op.equals("BatchGetItem"));
        assertThat(operations(tenRun.cost())).isEqualTo(operations(oneRun.cost()));
        assertThat(oneRun.cost().readUnits()).isPositive();
        assertThat(tenRun.cost().readUnits()).isEqualTo(oneRun.cost().readUnits());
        assertThat(tenRun.cost().items()).isEqualTo(oneRun.cost().items());
        assertThat(tenRun.cost().scanned()).isEqualTo(oneRun.cost().scanned());
        // AND the meter does see the older history: the incidents of all of it cost several times more with ten years
        assertThat(tenRun.wholeHistory().readUnits()).isGreaterThan(5 * oneRun.wholeHistory().readUnits());
    }

    private static Map<String, Long> operations(ReadCost cost) {
        Map<String, Long> operations = new TreeMap<>();
        cost.operations().forEach(o -> operations.merge(o, 1L, Long::sum));
        return operations;
    }

    private String name(String logicalId) {
        return stack.template().physicalName(logicalId);
    }

    /** An empty copy of a table (same keys and indexes, on demand), with its items when {@code withItems}. */
    private String copyTable(String source, String name, boolean withItems) {
        ScaleTables.emptyCopy(plainClient, source, name);
        if (withItems) {
            // Test set-up through the plain client (not metered): a Scan of the source table is fine here.
            for (Map<String, AttributeValue> item : plainClient.scanPaginator(b -> b.tableName(source)).items()) {
                plainClient.putItem(b -> b.tableName(name).item(item));
            }
        }
        return name;
    }

    record Run(PortfolioReport report, byte[] json, ReadCost cost, ReadCost wholeHistory) {
    }

    /** One set of tables with its history; the report read through the metered client. */
    private final class Universe {

        private final String label;
        private final DynamoDbTicketRepository tickets;
        private final DynamoDbAlertRepository alerts;
        private final DynamoDbSlaRepository sla;
        private final DynamoDbDemandRepository demands;
        private final DynamoDbRefusalLog refusals;
        private final DynamoDbTicketRepository meteredTickets;
        private final PortfolioReportService service;

        Universe(String label, String ticketsTable, String alertsTable, String slaTable, String demandTable,
                 String initiativesTable, String outcomesTable) {
            this.label = label;
            tickets = new DynamoDbTicketRepository(plainClient, ticketsTable);
            alerts = new DynamoDbAlertRepository(plainClient, alertsTable);
            sla = new DynamoDbSlaRepository(plainClient, slaTable);
            demands = new DynamoDbDemandRepository(plainClient, demandTable);
            refusals = new DynamoDbRefusalLog(plainClient, demandTable);
            meteredTickets = new DynamoDbTicketRepository(meteredClient, ticketsTable);
            // As PortfolioReportReadsIT builds it, every repository on the metered client.
            service = PortfolioReportService.builder(meteredTickets, new InMemoryReportStore(),
                            new RecordingEventPublisher())
                    .windowDays(WINDOW_DAYS)
                    .sla(new DynamoDbSlaRepository(meteredClient, slaTable), "1")
                    .demands(new DynamoDbDemandRepository(meteredClient, demandTable), 0.5)
                    .initiatives(new DynamoDbInitiativeRepository(meteredClient, initiativesTable))
                    .outcomes(new DynamoDbOutcomeRepository(meteredClient, outcomesTable))
                    .alerts(new DynamoDbAlertRepository(meteredClient, alertsTable))
                    .refusals(new DynamoDbRefusalLog(meteredClient, demandTable))
                    .catalog(catalog)
                    .build();
        }

        long storeRecent() throws Exception {
            return store(year.inputs().tickets(), year.inputs().episodes(), year.trackedBreaches(),
                    t -> !t.openedAt().isBefore(recentStart), e -> !e.start().isBefore(recentStart),
                    b -> !b.breachedAt().isBefore(recentStart));
        }

        /** A refusal counter for each reason on every day of the recent year (the report reads its window's days). */
        void storeRecentRefusals() {
            LocalDate last = LocalDate.ofInstant(AS_OF, ZoneOffset.UTC);
            for (LocalDate day = LocalDate.ofInstant(recentStart, ZoneOffset.UTC); !day.isAfter(last); day = day.plusDays(1)) {
                for (String[] refusal : REFUSALS) {
                    refusals.refused(refusal[0], refusal[1], day.atTime(12, 0).toInstant(ZoneOffset.UTC));
                }
            }
        }

        /**
         * Older years {@code 1..last}: year k is the generator with seed {@code SEED + k}, ending k - 1 years before
         * the recent year; with a refusal counter every third day and a capacity snapshot (the night's, moved) every
         * seventh.
         */
        long storeOlderYears(int last) throws Exception {
            CapacitySnapshot capacity = demands.latestCapacity(NIGHT).orElseThrow();
            long stored = 0;
            for (int k = 1; k <= last; k++) {
                History older = new DemandHistoryGenerator(SEED + k).generate();
                Duration back = Duration.between(recentStart, NIGHT).plus(YEAR.multipliedBy(k - 1L));
                String prefix = "Y" + k + "-";
                Map<String, String> renamed = new HashMap<>();
                List<Ticket> moved = new ArrayList<>();
                for (Ticket t : older.inputs().tickets()) {
                    Ticket m = DemandReadScaleIT.shift(t, back, prefix);
                    renamed.put(t.key(), m.key());
                    moved.add(m);
                }
                List<AlertEpisode> episodes = older.inputs().episodes().stream()
                        .map(e -> DemandReadScaleIT.shift(e, back, renamed)).toList();
                List<SlaBreach> breaches = older.trackedBreaches().stream()
                        .map(b -> DemandReadScaleIT.shift(b, back, prefix)).toList();
                assertThat(moved).allSatisfy(t -> assertThat(t.openedAt()).isBefore(recentStart));
                stored += store(moved, episodes, breaches, t -> true, e -> true, b -> true);
                Instant end = recentStart.minus(YEAR.multipliedBy(k - 1L));
                for (int day = 0; day < 365; day++) {
                    Instant at = end.minus(Duration.ofDays(day + 1L));
                    if (day % 3 == 0) {
                        for (String[] refusal : REFUSALS) {
                            refusals.refused(refusal[0], refusal[1], at);
                        }
                    }
                    if (day % 7 == 0) {
                        Duration moveBack = Duration.between(at, capacity.asOf());
                        assertThat(demands.saveCapacity(new CapacitySnapshot(at, capacity.window(),
                                capacity.windowStart().minus(moveBack), capacity.teams(), capacity.withoutTeam(),
                                capacity.teamsFrom()))).isTrue();
                    }
                }
            }
            return stored;
        }

        /** Reads the report once to warm the client up, once metered; and, for contrast, every incident of the history. */
        Run report() {
            service.report(AS_OF); // the first read of a client loads classes and opens connections
            PortfolioReport[] report = new PortfolioReport[1];
            ReadCost cost = meter.measure(() -> report[0] = service.report(AS_OF));
            trendStart = report[0].services().trendFrom().atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant oldest = recentStart.minus(YEAR.multipliedBy(OLDER_YEARS + 1L));
            ReadCost whole = meter.measure(() -> meteredTickets.findOpenedBetween(TicketKind.INCIDENT, oldest, AS_OF));
            LOG.info("{}: the report as of {}: {} read units, {} requests {}, {} items returned ({} matched by key);"
                            + " for contrast, all incidents of the history by OpenedIndex: {} read units, {} requests,"
                            + " {} items", label, AS_OF, cost.readUnits(), cost.requests(), operations(cost),
                    cost.items(), cost.scanned(), whole.readUnits(), whole.requests(), whole.items());
            return new Run(report[0], PortfolioReportService.render(report[0]).get("portfolio.json"), cost, whole);
        }

        private long store(List<Ticket> all, List<AlertEpisode> allEpisodes, List<SlaBreach> allBreaches,
                           Predicate<Ticket> ticketFilter, Predicate<AlertEpisode> episodeFilter,
                           Predicate<SlaBreach> breachFilter) throws Exception {
            return ScaleTables.store(tickets, alerts, sla, SERVICES, all, allEpisodes, allBreaches, ticketFilter,
                    episodeFilter, breachFilter);
        }
    }
}

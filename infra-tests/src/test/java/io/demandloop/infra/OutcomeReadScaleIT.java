package io.demandloop.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.demandloop.functions.outcomes.OutcomeMeasurementResult;
import io.demandloop.functions.outcomes.OutcomeMeasurementService;
import io.demandloop.infra.DemandReadScaleIT.ReadCost;
import io.demandloop.infra.DemandReadScaleIT.ReadMeter;
import io.demandloop.local.LocalStack;
import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.alert.aws.DynamoDbAlertRepository;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.demand.DemandConfig;
import io.demandloop.shared.demand.ServiceCatalog;
import io.demandloop.shared.demand.aws.DynamoDbDemandRepository;
import io.demandloop.shared.events.aws.EventBridgePublisher;
import io.demandloop.shared.fixtures.DemandHistoryGenerator.History;
import io.demandloop.shared.fixtures.DemandHistoryGenerator;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.initiative.aws.DynamoDbInitiativeRepository;
import io.demandloop.shared.outcome.Intervention;
import io.demandloop.shared.outcome.MetricOutcome;
import io.demandloop.shared.outcome.Outcome;
import io.demandloop.shared.outcome.OutcomeFactsReader;
import io.demandloop.shared.outcome.OutcomeWindows;
import io.demandloop.shared.outcome.StoredOutcome;
import io.demandloop.shared.outcome.aws.DynamoDbOutcomeRepository;
import io.demandloop.shared.sla.SlaBreach;
import io.demandloop.shared.sla.aws.DynamoDbSlaRepository;
import io.demandloop.shared.ticket.StoreOutcome;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.aws.DynamoDbTicketRepository;
import java.time.Duration;
import java.time.Instant;
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

/**
 * Issue 11's "nothing grows with history", measured as {@link DemandReadScaleIT} measures the demand evaluation's read:
 * the nightly outcome measurement ({@link OutcomeMeasurementService#measure}, the function's whole run: the
 * {@code DeliveredIndex} Query, the stored outcome's GetItem, {@link OutcomeFactsReader}'s Queries of tickets, episodes
 * and breaches, the linked demand's GetItem, and its writes) costs the same read units and requests whether the history
 * before its span is one year or ten. On a private embedded stack, the seeded generator's year and its two delivered
 * initiatives are stored twice: (a) in the template's tables, with one older year right before the measurement's span,
 * (b) in empty copies of them with ten older years. Each night runs through clients whose interceptor asks for the
 * consumed capacity and refuses any Scan. The outcomes must be equal, the read units within 5 % (equal, in fact), the
 * Query and GetItem counts and the items read the same; a read of all the tickets shows the meter sees the older years.
 * The figures are logged for docs/PERFORMANCE.md; no wall-clock time is asserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutcomeReadScaleIT {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeReadScaleIT.class);
    private static final Instant NIGHT = DemandHistoryGenerator.AS_OF;
    private static final long SEED = 42;
    private static final Duration YEAR = Duration.ofDays(365);
    private static final int OLDER_YEARS = 10;
    /** The two initiatives' services and background services (controls among them); not the noisy alert source. */
    private static final Set<String> SERVICES = Set.of(DemandHistoryGenerator.OUTAGES, DemandHistoryGenerator.NAGGING,
            DemandHistoryGenerator.HAMMERED, DemandHistoryGenerator.QUIET, "CRM", "Data Warehouse", "VPN", "Printing",
            "Telephony", "Billing", "Inventory", "Website");

    private final ReadMeter meter = new ReadMeter();
    private LocalStack stack;
    private DynamoDbClient plainClient;
    private DynamoDbClient meteredClient;
    private History year;
    private ServiceCatalog catalog;
    private DemandConfig config;
    private List<Initiative> delivered;
    private Instant spanStart;

    @BeforeAll
    void startStack() {
        stack = EmbeddedStack.startPrivate();
        plainClient = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        meteredClient = meter.client();
        year = new DemandHistoryGenerator(SEED).generate();
        catalog = ScaleTables.limitedTo(year.catalog(), SERVICES);
        config = DemandConfig.from(DemandloopConfig.defaults());
        delivered = DemandHistoryGenerator.initiatives(NIGHT);
        // No demand is stored here, so no baseline moves: the span starts a look-back before the earliest baseline.
        spanStart = delivered.stream().map(i -> OutcomeFactsReader.spanStart(Intervention.of(i, OutcomeWindows.DEFAULT), null))
                .min(Instant::compareTo).orElseThrow();
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
    void nightlyMeasurement_shouldReadTheSame_whenTheHistoryBeforeItsSpanGrowsTenfold() throws Exception {
        // GIVEN the same span and initiatives with one older year (the template's tables) and with ten (copies)
        Universe one = new Universe("1x", name("TicketsTable"), name("AlertsTable"), name("SlaTable"),
                name("InitiativesTable"), name("OutcomesTable"));
        Universe ten = new Universe("10x", copyTable(name("TicketsTable"), "OutcomeScaleTickets"),
                copyTable(name("AlertsTable"), "OutcomeScaleAlerts"), copyTable(name("SlaTable"), "OutcomeScaleSla"),
                copyTable(name("InitiativesTable"), "OutcomeScaleInitiatives"),
                copyTable(name("OutcomesTable"), "OutcomeScaleOutcomes"));
        long spanTickets = one.storeSpan();
        long oneOlder = one.storeOlderYears(1);
        assertThat(ten.storeSpan()).isEqualTo(spanTickets);
        long tenOlder = ten.storeOlderYears(OLDER_YEARS);
        LOG.info("stored the span from {} to {}: {} tickets; 1 older year: {} tickets; {} older years: {} tickets",
                spanStart, NIGHT, spanTickets, oneOlder, OLDER_YEARS, tenOlder);

        // WHEN each night's outcome measurement runs, metered
        Night oneNight = one.measure();
        Night tenNight = ten.measure();

        // THEN the older history was really there, ten times over
        assertThat(oneOlder).isGreaterThan(spanTickets / 2);
        assertThat(tenOlder).isGreaterThanOrEqualTo(9L * oneOlder);
        // AND both nights measured both initiatives alike
        assertThat(oneNight.result().measured()).containsExactlyInAnyOrder(DemandHistoryGenerator.WORKED,
                DemandHistoryGenerator.DID_NOT_WORK);
        assertThat(tenNight.result().measured()).isEqualTo(oneNight.result().measured());
        assertThat(figures(tenNight.outcomes())).isEqualTo(figures(oneNight.outcomes()));
        // AND read by Query and GetItem only (the meter refuses a Scan), the same number of each, the same items and
        // read units within 5 %
        assertThat(oneNight.cost().operations()).doesNotContain("Scan").contains("Query", "GetItem");
        assertThat(count(tenNight.cost(), "Query")).isEqualTo(count(oneNight.cost(), "Query"));
        assertThat(count(tenNight.cost(), "GetItem")).isEqualTo(count(oneNight.cost(), "GetItem"));
        assertThat(oneNight.cost().readUnits()).isPositive();
        assertThat(tenNight.cost().readUnits()).isCloseTo(oneNight.cost().readUnits(), withinPercentage(5));
        assertThat(tenNight.cost().items()).isEqualTo(oneNight.cost().items());
        assertThat(tenNight.cost().scanned()).isEqualTo(oneNight.cost().scanned());
        // AND the meter does see the older history: the incidents of all of it cost several times more with ten years
        assertThat(tenNight.wholeHistory().readUnits()).isGreaterThan(5 * oneNight.wholeHistory().readUnits());
    }

    /** Each outcome's verdict and primary counts, by initiative. */
    private static Map<String, List<Object>> figures(List<StoredOutcome> outcomes) {
        Map<String, List<Object>> figures = new TreeMap<>();
        for (StoredOutcome stored : outcomes) {
            Outcome outcome = stored.outcome();
            MetricOutcome primary = outcome.primary();
            figures.put(outcome.initiativeId(), List.of(outcome.verdict(), primary.before().count(),
                    primary.after().count(), primary.before().exposureDays(), primary.controls()));
        }
        return figures;
    }

    private static long count(ReadCost cost, String operation) {
        return cost.operations().stream().filter(operation::equals).count();
    }

    private String name(String logicalId) {
        return stack.template().physicalName(logicalId);
    }

    private boolean inSpan(Instant instant) {
        return !instant.isBefore(spanStart) && instant.isBefore(NIGHT);
    }

    private String copyTable(String source, String name) {
        return ScaleTables.emptyCopy(plainClient, source, name);
    }

    record Night(OutcomeMeasurementResult result, List<StoredOutcome> outcomes, ReadCost cost, ReadCost wholeHistory) {
    }

    /** One set of tables with its history and initiatives; measured through the metered client. */
    private final class Universe {

        private final String label;
        private final DynamoDbTicketRepository tickets;
        private final DynamoDbAlertRepository alerts;
        private final DynamoDbSlaRepository sla;
        private final DynamoDbTicketRepository meteredTickets;
        private final DynamoDbOutcomeRepository outcomes;
        private final OutcomeMeasurementService service;

        Universe(String label, String ticketsTable, String alertsTable, String slaTable, String initiativesTable,
                 String outcomesTable) {
            this.label = label;
            tickets = new DynamoDbTicketRepository(plainClient, ticketsTable);
            alerts = new DynamoDbAlertRepository(plainClient, alertsTable);
            sla = new DynamoDbSlaRepository(plainClient, slaTable);
            DynamoDbInitiativeRepository initiatives = new DynamoDbInitiativeRepository(plainClient, initiativesTable);
            delivered.forEach(i -> assertThat(initiatives.store(i)).isEqualTo(StoreOutcome.STORED));
            meteredTickets = new DynamoDbTicketRepository(meteredClient, ticketsTable);
            outcomes = new DynamoDbOutcomeRepository(meteredClient, outcomesTable);
            OutcomeFactsReader reader = new OutcomeFactsReader(meteredTickets,
                    new DynamoDbAlertRepository(meteredClient, alertsTable), new DynamoDbSlaRepository(meteredClient, slaTable),
                    new DynamoDbDemandRepository(meteredClient, name("DemandTable")), catalog, config);
            service = new OutcomeMeasurementService(reader, new DynamoDbInitiativeRepository(meteredClient, initiativesTable),
                    outcomes, EventBridgePublisher.create(name("DemandBus")), OutcomeWindows.DEFAULT);
        }

        long storeSpan() throws Exception {
            return store(year.inputs().tickets(), year.inputs().episodes(), year.trackedBreaches(),
                    t -> inSpan(t.openedAt()), e -> inSpan(e.start()), b -> inSpan(b.breachedAt()));
        }

        /** Older years {@code 1..last}: year k is the generator with seed {@code SEED + k}, ending k - 1 years before the span. */
        long storeOlderYears(int last) throws Exception {
            long stored = 0;
            for (int k = 1; k <= last; k++) {
                History older = new DemandHistoryGenerator(SEED + k).generate();
                Duration back = Duration.between(spanStart, NIGHT).plus(YEAR.multipliedBy(k - 1L));
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
                assertThat(moved).allSatisfy(t -> assertThat(t.openedAt()).isBefore(spanStart));
                stored += store(moved, episodes, breaches, t -> true, e -> true, b -> true);
            }
            return stored;
        }

        /** Runs the night once, metered; reads the outcomes it kept and, for contrast, every incident of the history. */
        Night measure() {
            ReadCost[] cost = new ReadCost[1];
            OutcomeMeasurementResult[] result = new OutcomeMeasurementResult[1];
            cost[0] = meter.measure(() -> result[0] = service.measure(NIGHT));
            Instant oldest = spanStart.minus(YEAR.multipliedBy(OLDER_YEARS));
            ReadCost whole = meter.measure(() -> meteredTickets.findOpenedBetween(TicketKind.INCIDENT, oldest,
                    NIGHT.minusMillis(1)));
            Map<String, Long> operations = new TreeMap<>();
            cost[0].operations().forEach(o -> operations.merge(o, 1L, Long::sum));
            LOG.info("{}: the night's outcome measurement: {} read units, {} requests {}, {} items returned ({} matched"
                            + " by key); for contrast, all incidents of the history by OpenedIndex: {} read units, {}"
                            + " requests, {} items", label, cost[0].readUnits(), cost[0].requests(), operations,
                    cost[0].items(), cost[0].scanned(), whole.readUnits(), whole.requests(), whole.items());
            return new Night(result[0], outcomes.findAll(), cost[0], whole);
        }

        private long store(List<Ticket> all, List<AlertEpisode> allEpisodes, List<SlaBreach> allBreaches,
                           Predicate<Ticket> ticketFilter, Predicate<AlertEpisode> episodeFilter,
                           Predicate<SlaBreach> breachFilter) throws Exception {
            return ScaleTables.store(tickets, alerts, sla, SERVICES, all, allEpisodes, allBreaches, ticketFilter,
                    episodeFilter, breachFilter);
        }
    }
}

package io.demandloop.bench;

import io.demandloop.functions.portfolioreport.PortfolioReportService;
import io.demandloop.functions.portfolioreport.html.HtmlReport;
import io.demandloop.functions.portfolioreport.model.PortfolioReport;
import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.alert.testing.InMemoryAlertRepository;
import io.demandloop.shared.decision.DemandStatus;
import io.demandloop.shared.demand.Criterion;
import io.demandloop.shared.demand.CriterionResult;
import io.demandloop.shared.demand.DemandRecord;
import io.demandloop.shared.demand.DemandTier;
import io.demandloop.shared.demand.Measure;
import io.demandloop.shared.demand.ServiceCatalog;
import io.demandloop.shared.demand.ServiceTier;
import io.demandloop.shared.demand.StoredDemand;
import io.demandloop.shared.demand.testing.InMemoryDemandRepository;
import io.demandloop.shared.initiative.ExpectedOutcome;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.initiative.InitiativeStatus;
import io.demandloop.shared.initiative.OutcomeMetric;
import io.demandloop.shared.monitoring.AlertStatus;
import io.demandloop.shared.monitoring.Severity;
import io.demandloop.shared.outcome.MetricOutcome;
import io.demandloop.shared.outcome.Outcome;
import io.demandloop.shared.outcome.OutcomeWindows;
import io.demandloop.shared.outcome.Verdict;
import io.demandloop.shared.outcome.testing.InMemoryOutcomeRepository;
import io.demandloop.shared.quality.testing.InMemoryRefusalLog;
import io.demandloop.shared.report.testing.InMemoryReportStore;
import io.demandloop.shared.stats.IntervalEstimate;
import io.demandloop.shared.testing.InMemoryInitiativeRepository;
import io.demandloop.shared.testing.InMemoryTicketRepository;
import io.demandloop.shared.testing.RecordingEventPublisher;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketSignals;
import io.demandloop.shared.ticket.TicketState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The portfolio report at issue 12's scale: 200 services, 500 demands, 50 initiatives (each with a measured outcome)
 * and 10,000 incidents in the 90-day window (plus requests, changes and alert episodes), from the shared in-memory
 * fakes. One operation is what the job does between its reads and its writes, plus the reads from the fakes: read,
 * assemble the model ({@code PortfolioReportService.report}) and render every file (JSON, HTML, six CSVs). The target
 * (docs/PERFORMANCE.md) is at most 100 ms warm on one core. Seeded: every run sees the same data.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PortfolioReportBenchmark {

    static final int SERVICES = 200;
    static final int DEMANDS = 500;
    static final int INITIATIVES = 50;
    static final int INCIDENTS = 10_000;
    static final Instant AS_OF = Instant.parse("2026-11-22T05:30:00Z");

    private PortfolioReportService service;
    private PortfolioReport assembled;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(12);
        InMemoryTicketRepository tickets = new InMemoryTicketRepository();
        Map<String, ServiceCatalog.Entry> catalog = new TreeMap<>();
        Map<String, ServiceCatalog.Team> teams = new TreeMap<>();
        for (int s = 0; s < SERVICES; s++) {
            catalog.put(service(s), new ServiceCatalog.Entry(ServiceTier.values()[s % ServiceTier.values().length],
                    "team-" + s % 20, "Capability " + s % 7));
        }
        for (int t = 0; t < 20; t++) {
            teams.put("team-" + t, new ServiceCatalog.Team(120.0));
        }
        for (int i = 0; i < INCIDENTS; i++) {
            Instant opened = AS_OF.minusSeconds(random.nextLong(90L * 86_400));
            boolean resolved = random.nextInt(10) < 8;
            Instant done = opened.plusSeconds(random.nextLong(3 * 86_400));
            tickets.store(Ticket.builder().source("servicenow").sourceId("INC" + i).kind(TicketKind.INCIDENT)
                    .number("INC" + i).service(service(random.nextInt(SERVICES))).priority(1 + random.nextInt(5))
                    .state(resolved ? TicketState.RESOLVED : TicketState.IN_PROGRESS).openedAt(opened)
                    .resolvedAt(resolved ? done : null).department("Dept " + random.nextInt(12))
                    .assignmentGroup("Group " + random.nextInt(30)).category("category " + random.nextInt(40))
                    .title("Incident " + i).sourceVersion(1).sourceUpdatedAt(resolved ? done : opened)
                    .link("https://acme.service-now.com/nav_to.do?uri=incident.do%3Fsysparm_query%3Dnumber%3DINC" + i)
                    .signals(TicketSignals.of(null, null, random.nextInt(10) < 9)).build());
        }
        for (int i = 0; i < 2_000; i++) {
            Instant opened = AS_OF.minusSeconds(random.nextLong(90L * 86_400));
            tickets.store(Ticket.builder().source("servicenow").sourceId("REQ" + i).kind(TicketKind.REQUEST)
                    .number("REQ" + i).service(service(random.nextInt(SERVICES))).priority(4).state(TicketState.CLOSED)
                    .openedAt(opened).closedAt(opened.plusSeconds(86_400)).title("Request " + i).sourceVersion(1)
                    .sourceUpdatedAt(opened.plusSeconds(86_400)).build());
        }
        InMemoryDemandRepository demands = new InMemoryDemandRepository();
        for (int d = 0; d < DEMANDS; d++) {
            demands.save(demand(service(d % SERVICES), "recurring-incidents#category:category " + d,
                    DemandTier.values()[d % DemandTier.values().length], random.nextInt(1000) / 100.0), null);
        }
        InMemoryInitiativeRepository initiatives = new InMemoryInitiativeRepository();
        InMemoryOutcomeRepository outcomes = new InMemoryOutcomeRepository();
        for (int i = 0; i < INITIATIVES; i++) {
            Instant delivered = AS_OF.minus(Duration.ofDays(30 + i));
            String demandId = DemandRecord.id(service(i), "recurring-incidents#category:category " + i);
            initiatives.store(Initiative.builder().source("jira").sourceId("PRJ-" + i).title("Initiative " + i)
                    .services(List.of(service(i))).demandIds(List.of(demandId))
                    .expected(new ExpectedOutcome(OutcomeMetric.INCIDENTS, -0.3, null))
                    .status(i % 3 == 0 ? InitiativeStatus.IN_PROGRESS : InitiativeStatus.DELIVERED)
                    .deliveredAt(i % 3 == 0 ? null : delivered).sourceVersion(1).sourceUpdatedAt(delivered).build());
            if (i % 3 != 0) {
                outcomes.save(outcome("jira#PRJ-" + i, service(i), demandId, delivered), null, false);
            }
        }
        InMemoryAlertRepository alerts = new InMemoryAlertRepository();
        for (int e = 0; e < 1_000; e++) {
            Instant start = AS_OF.minusSeconds(random.nextLong(90L * 86_400));
            alerts.putEpisode(new AlertEpisode(service(random.nextInt(SERVICES)), start, start, start.plusSeconds(900),
                    AlertStatus.RESOLVED, Severity.HIGH, 3, 0, 1, random.nextInt(5) == 0, List.of(), "am#" + e, null));
        }
        InMemoryRefusalLog refusals = new InMemoryRefusalLog();
        for (int r = 0; r < 100; r++) {
            refusals.refused(r % 2 == 0 ? "jira" : "servicenow", r % 3 == 0 ? "unauthenticated" : "malformed",
                    AS_OF.minusSeconds(random.nextLong(90L * 86_400)));
        }
        service = PortfolioReportService.builder(tickets, new InMemoryReportStore(), new RecordingEventPublisher())
                .windowDays(90).demands(demands, 0.5).initiatives(initiatives).outcomes(outcomes).alerts(alerts)
                .refusals(refusals).catalog(new ServiceCatalog(null, ServiceTier.MEDIUM, catalog, teams)).build();
        assembled = service.report(AS_OF);
    }

    /** Reads from the fakes, assembles, renders JSON, HTML and the six CSVs; returns the bytes so none is elided. */
    @Benchmark
    public int assembleAndRender() {
        PortfolioReport report = service.report(AS_OF);
        int bytes = 0;
        for (byte[] file : PortfolioReportService.render(report).values()) {
            bytes += file.length;
        }
        return bytes;
    }

    /**
     * {@code portfolio.html} alone from the model assembled once: the jte templates, every chart (an outcome chart per
     * measured initiative, a sparkline per service, the capacity bars) and the escaping.
     */
    @Benchmark
    public byte[] html() {
        return HtmlReport.portfolio(assembled);
    }

    /** The service set up, for {@link PortfolioReportCpuTime}. */
    PortfolioReportService service() {
        return service;
    }

    static String service(int s) {
        return String.format("Service %03d", s);
    }

    private static StoredDemand demand(String service, String pattern, DemandTier tier, double score) {
        List<CriterionResult> criteria = new ArrayList<>();
        for (Criterion criterion : Criterion.values()) {
            boolean met = criterion.ordinal() % 2 == 0;
            criteria.add(new CriterionResult(criterion, true, met, List.of(Measure.atLeast("incidents", met ? 6 : 1, 3))));
        }
        List<DemandRecord.TicketRef> evidence = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
            evidence.add(new DemandRecord.TicketRef("servicenow#incident#INC" + t, "INC" + t, 2,
                    AS_OF.minus(Duration.ofDays(t + 1)), "https://acme.service-now.com/INC" + t));
        }
        DemandRecord record = new DemandRecord(DemandRecord.id(service, pattern), service, pattern, tier, "rule", score,
                score / 2, new DemandRecord.Scores(5, 5, 5, 5, 2), criteria, List.of(),
                new DemandRecord.Evidence(AS_OF, null, null, new TreeMap<>(Map.of("incidents", 6.0)), List.of(), evidence,
                        List.of()),
                "Six incidents of " + pattern + " on " + service + " in 30 days.");
        Instant raised = AS_OF.minus(Duration.ofDays(1 + (long) (score * 10)));
        return StoredDemand.builder().record(record).contentHash(StoredDemand.contentHash(record))
                .evaluatedAt(AS_OF.minus(Duration.ofDays(1))).firstRaisedAt(raised).status(DemandStatus.NEW)
                .statusBy("demand-evaluation").statusAt(raised).build();
    }

    private static Outcome outcome(String initiativeId, String service, String demandId, Instant delivered) {
        List<MetricOutcome.WeekPoint> weekly = new ArrayList<>();
        LocalDate week = LocalDate.ofInstant(delivered.minus(Duration.ofDays(84)), java.time.ZoneOffset.UTC);
        for (int w = 0; w < 26; w++) {
            weekly.add(new MetricOutcome.WeekPoint(week.plusWeeks(w), w % 5));
        }
        MetricOutcome primary = new MetricOutcome(OutcomeMetric.INCIDENTS, Verdict.INCONCLUSIVE,
                "Incidents on " + service + " went from 2.0 to 1.5 a week: inconclusive.", "exact rate ratio",
                new MetricOutcome.WindowFigures(delivered.minus(Duration.ofDays(84)), delivered, 84, 24, 2.0, null, null),
                new MetricOutcome.WindowFigures(delivered.plus(Duration.ofDays(14)), AS_OF, 16, 3, 1.5, null, null),
                new IntervalEstimate(-0.25, -0.7, 0.9, 0.4), List.of(), null, 6, weekly);
        return Outcome.builder().initiativeId(initiativeId).title("Initiative for " + service)
                .services(List.of(service)).demandIds(List.of(demandId))
                .expected(new ExpectedOutcome(OutcomeMetric.INCIDENTS, -0.3, null)).deliveredAt(delivered)
                .windows(new OutcomeWindows(84, 14, 84)).measuredAt(AS_OF.minusSeconds(900)).primary(primary).build();
    }
}

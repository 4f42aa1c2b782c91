package io.demandloop.shared.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.alert.testing.InMemoryAlertRepository;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.demand.DemandConfig;
import io.demandloop.shared.demand.DemandRecord;
import io.demandloop.shared.demand.ServiceCatalog;
import io.demandloop.shared.demand.ServiceTier;
import io.demandloop.shared.demand.StoredDemand;
import io.demandloop.shared.demand.testing.InMemoryDemandRepository;
import io.demandloop.shared.initiative.ExpectedOutcome;
import io.demandloop.shared.initiative.OutcomeMetric;
import io.demandloop.shared.monitoring.AlertStatus;
import io.demandloop.shared.monitoring.Severity;
import io.demandloop.shared.sla.SlaBreach;
import io.demandloop.shared.sla.SlaMetric;
import io.demandloop.shared.sla.testing.InMemorySlaRepository;
import io.demandloop.shared.testing.ForwardingTicketRepository;
import io.demandloop.shared.testing.InMemoryTicketRepository;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketSignals;
import io.demandloop.shared.ticket.TicketState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutcomeFactsReaderTest {

    private static final Instant DELIVERED = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant AS_OF = Instant.parse("2026-10-01T00:00:00Z");
    private static final DemandConfig CONFIG = DemandConfig.from(DemandloopConfig.defaults());
    private static final ServiceCatalog CATALOG = new ServiceCatalog(Map.of(), ServiceTier.MEDIUM, Map.of(
            "Payments", new ServiceCatalog.Entry(ServiceTier.CRITICAL, null, null),
            "Billing", new ServiceCatalog.Entry(ServiceTier.CRITICAL, null, null),
            "CRM", new ServiceCatalog.Entry(ServiceTier.CRITICAL, null, null),
            "Ledger", new ServiceCatalog.Entry(ServiceTier.CRITICAL, null, null),
            "Idle", new ServiceCatalog.Entry(ServiceTier.CRITICAL, null, null),
            "Wiki", new ServiceCatalog.Entry(ServiceTier.LOW, null, null)), Map.of());

    private final InMemoryTicketRepository tickets = new InMemoryTicketRepository();
    private final InMemoryAlertRepository alerts = new InMemoryAlertRepository();
    private final InMemorySlaRepository sla = new InMemorySlaRepository();
    private final InMemoryDemandRepository demands = new InMemoryDemandRepository();
    private final List<Instant[]> ticketReads = new ArrayList<>();
    private final OutcomeFactsReader reader = new OutcomeFactsReader(new ForwardingTicketRepository(tickets) {
        @Override
        public List<Ticket> findOpenedBetween(TicketKind kind, Instant from, Instant to) {
            ticketReads.add(new Instant[] {from, to});
            return super.findOpenedBetween(kind, from, to);
        }
    }, alerts, sla, demands, CATALOG, CONFIG);
    private int sequence;

    @Test
    void read_shouldScopeThePrimaryMetricToThePattern_andMeasureTheOtherMetricsOnTheWholeService() {
        // GIVEN network and software incidents on Payments, before and after delivery
        incident("Payments", "network", 1, DELIVERED.minus(days(30)), Duration.ofHours(3));
        incident("Payments", "network", 2, DELIVERED.plus(days(40)), Duration.ofHours(2));
        incident("Payments", "software", 4, DELIVERED.minus(days(20)), Duration.ofHours(5));
        request("Payments", DELIVERED.minus(days(10)));

        // WHEN the initiative for the network pattern is read
        OutcomeFactsReader.Measurements read = reader.read(intervention(OutcomeMetric.INCIDENTS, "category:network"), AS_OF);

        // THEN the primary metric counts the network incidents only, the secondary incidents-like metrics all of them
        assertThat(read.primary().metric()).isEqualTo(OutcomeMetric.INCIDENTS);
        assertThat(read.primary().target().events()).hasSize(2);
        assertThat(read.primary().target().service()).isEqualTo("Payments");
        assertThat(read.secondary()).extracting(MeasurementInput::metric).doesNotContain(OutcomeMetric.INCIDENTS)
                .hasSize(OutcomeMetric.values().length - 1);
        assertThat(metric(read, OutcomeMetric.MAJOR_INCIDENTS).target().events()).hasSize(2);
        assertThat(metric(read, OutcomeMetric.RESOLUTION_TIME).target().events()).hasSize(3)
                .allSatisfy(e -> assertThat(e.endedAt()).isNotNull());
        assertThat(metric(read, OutcomeMetric.REQUESTS).target().events()).hasSize(1);
        assertThat(read.primary().deliveredAt()).isEqualTo(DELIVERED);
        assertThat(read.primary().asOf()).isEqualTo(AS_OF);
    }

    @Test
    void read_shouldRejectAnUnknownPatternDimension_namingIt() {
        assertThatThrownBy(() -> reader.read(intervention(OutcomeMetric.INCIDENTS, "colour:red"), AS_OF))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colour:red");
    }

    @Test
    void read_shouldCensorATicketResolvedAfterAsOf_andLeaveOutWhatHappenedAfterIt() {
        // GIVEN an incident opened before as-of and resolved after it, and one opened after as-of
        Instant asOf = DELIVERED.plus(days(50));
        incident("Payments", "network", 3, asOf.minus(days(1)), Duration.ofDays(3));
        incident("Payments", "network", 3, asOf.plus(days(1)), Duration.ofHours(1));

        // WHEN it is read as of then
        OutcomeFactsReader.Measurements read = reader.read(intervention(OutcomeMetric.RESOLUTION_TIME, null), asOf);

        // THEN the first is still open (censored) and the second is not there
        assertThat(read.primary().target().events()).singleElement()
                .satisfies(e -> assertThat(e.endedAt()).isNull());
    }

    @Test
    void read_shouldEndTheBaselineWhereTheLinkedDemandWasFirstRaised_whenThatWasBeforeDelivery() {
        // GIVEN a demand first raised 20 days before delivery
        Instant raised = DELIVERED.minus(days(20));
        demand("Payments#recurring-incidents#category:network", raised);
        Intervention intervention = new Intervention("jira#1", "Fix the gateway", List.of("Payments"),
                List.of("Payments#recurring-incidents#category:network", "not a demand id"),
                new ExpectedOutcome(OutcomeMetric.INCIDENTS, -0.3, null), DELIVERED, OutcomeWindows.DEFAULT);

        // WHEN it is read
        OutcomeFactsReader.Measurements read = reader.read(intervention, AS_OF);

        // THEN the baseline ends the demand window before the raising, and the read starts a baseline and the
        // look-back before that
        assertThat(read.baselineEnd()).isEqualTo(raised);
        assertThat(read.primary().baselineEnd()).isEqualTo(raised);
        assertThat(ticketReads).isNotEmpty().allSatisfy(span -> assertThat(span[0]).isEqualTo(
                raised.minus(days(OutcomeMeasurement.DEMAND_WINDOW_DAYS + 84)).minus(OutcomeFactsReader.LOOK_BACK)));
    }

    @Test
    void read_shouldCoverTheWholeBaselineTheMeasurementUses_whenADemandEndsIt() {
        // GIVEN a demand raised 20 days before delivery, so the baseline is the 84 days ending 90 days before that,
        // a request in the look-back before it (the service has data from before), one incident near each end of that
        // baseline and one in the spike between it and delivery
        Instant raised = DELIVERED.minus(days(20));
        Instant baselineEnd = raised.minus(days(OutcomeMeasurement.DEMAND_WINDOW_DAYS));
        demand("Payments#recurring-incidents#category:network", raised);
        request("Payments", baselineEnd.minus(days(84 + 10)));
        incident("Payments", "network", 3, baselineEnd.minus(days(83)), Duration.ofHours(2));
        incident("Payments", "network", 3, baselineEnd.minus(days(1)), Duration.ofHours(2));
        incident("Payments", "network", 3, raised.minus(days(5)), Duration.ofHours(2));
        Intervention intervention = new Intervention("jira#1", "Fix the gateway", List.of("Payments"),
                List.of("Payments#recurring-incidents#category:network"),
                new ExpectedOutcome(OutcomeMetric.INCIDENTS, -0.3, null), DELIVERED, OutcomeWindows.DEFAULT);

        // WHEN it is read and measured
        MetricOutcome primary = reader.read(intervention, AS_OF).measure().primary();

        // THEN the baseline is the full 84 days, both of its incidents counted and the spike left out
        assertThat(primary.before().from()).isEqualTo(baselineEnd.minus(days(84)));
        assertThat(primary.before().to()).isEqualTo(baselineEnd);
        assertThat(primary.before().exposureDays()).isEqualTo(84.0);
        assertThat(primary.before().count()).isEqualTo(2.0);
    }

    @Test
    void read_shouldIgnoreADemandRaisedAfterDelivery() {
        demand("Payments#recurring-incidents#category:network", DELIVERED.plus(days(3)));
        Intervention intervention = new Intervention("jira#1", "Fix", List.of("Payments"),
                List.of("Payments#recurring-incidents#category:network"),
                new ExpectedOutcome(OutcomeMetric.INCIDENTS, -0.3, null), DELIVERED, OutcomeWindows.DEFAULT);

        assertThat(reader.read(intervention, AS_OF).baselineEnd()).isNull();
    }

    @Test
    void read_shouldReadOnlyFromTheLookBackToTheEndOfTheAfterWindow() {
        // WHEN an initiative whose after window ended before as-of is read
        reader.read(intervention(OutcomeMetric.INCIDENTS, null), AS_OF);

        // THEN each kind is read from the look-back before the baseline to the after window's end, not to as-of
        Instant from = DELIVERED.minus(days(84)).minus(OutcomeFactsReader.LOOK_BACK);
        Instant to = DELIVERED.plus(days(14 + 84)).minusMillis(1);
        assertThat(ticketReads).hasSize(3).allSatisfy(span -> {
            assertThat(span[0]).isEqualTo(from);
            assertThat(span[1]).isEqualTo(to);
        });
    }

    @Test
    void read_shouldChooseControlsOfTheSameTier_notTargeted_notUnderAnotherInitiative_withData() {
        // GIVEN critical services with data (Billing, CRM, Ledger), one without (Idle), a low-tier one (Wiki),
        // and Ledger under another initiative delivered inside the windows
        for (String service : List.of("Payments", "Billing", "CRM", "Ledger", "Wiki")) {
            incident(service, "software", 3, DELIVERED.minus(days(15)), Duration.ofHours(4));
        }
        Intervention other = new Intervention("jira#2", "Ledger rewrite", List.of("Ledger"), List.of(),
                new ExpectedOutcome(OutcomeMetric.INCIDENTS, -0.3, null), DELIVERED.plus(days(20)), OutcomeWindows.DEFAULT);
        Intervention measured = intervention(OutcomeMetric.INCIDENTS, null);

        // WHEN it is read with the other initiative known
        OutcomeFactsReader.Measurements read = reader.read(List.of(measured), List.of(measured, other), AS_OF).get(0);

        // THEN the controls are Billing and CRM, each with its own history
        assertThat(read.controls()).containsExactly("Billing", "CRM");
        assertThat(read.primary().controls()).extracting(ServiceHistory::service).containsExactly("Billing", "CRM");
        assertThat(read.primary().controls()).allSatisfy(h -> assertThat(h.events()).hasSize(1));
    }

    @Test
    void read_shouldStartTheDataAtTheServicesFirstTicketOrEpisode_andCoverWhenThereIsNone() {
        // GIVEN a service whose first data is an episode 50 days before delivery (inside the baseline)
        Instant first = DELIVERED.minus(days(50));
        alerts.putEpisode(new AlertEpisode("Payments", first, first, first.plus(Duration.ofMinutes(20)),
                AlertStatus.RESOLVED, Severity.WARNING, 2, 0, 1, false, List.of(), "alertmanager#a", null));
        incident("Payments", "network", 2, DELIVERED.minus(days(10)), Duration.ofHours(1));

        // WHEN it is read
        OutcomeFactsReader.Measurements read = reader.read(intervention(OutcomeMetric.INCIDENTS, null), AS_OF);

        // THEN its history starts at that episode, and its episodes count
        assertThat(read.primary().target().dataStart()).isEqualTo(first);
        assertThat(metric(read, OutcomeMetric.ALERT_EPISODES).target().events()).hasSize(1);
        // AND a service with no data at all counts as covered from the read's start: zeros, not a shorter exposure
        Intervention quiet = new Intervention("jira#3", "Quiet", List.of("Nothing Here"), List.of(),
                new ExpectedOutcome(OutcomeMetric.INCIDENTS, -0.3, null), DELIVERED, OutcomeWindows.DEFAULT);
        OutcomeFactsReader.Measurements none = reader.read(quiet, AS_OF);
        assertThat(none.primary().target().events()).isEmpty();
        assertThat(none.primary().target().dataStart())
                .isEqualTo(DELIVERED.minus(days(84)).minus(OutcomeFactsReader.LOOK_BACK));
    }

    @Test
    void read_shouldCountEachBreachedTicketOnce_fromTrackingAndFromTheSource() {
        // GIVEN one ticket breached twice by tracking and also reported missed by its source, and another tracked once
        Ticket missed = incident("Payments", "network", 2, DELIVERED.minus(days(30)), Duration.ofDays(2),
                new TicketSignals(null, null, false));
        sla.recordBreach(new SlaBreach(missed.key(), SlaMetric.RESPONSE, 0, "Payments", DELIVERED.minus(days(29))));
        sla.recordBreach(new SlaBreach(missed.key(), SlaMetric.RESOLUTION, 0, "Payments", DELIVERED.minus(days(28))));
        sla.recordBreach(new SlaBreach("servicenow#incident#OTHER", SlaMetric.RESOLUTION, 0, "Payments",
                DELIVERED.plus(days(30))));

        // WHEN breaches are read, whole and scoped to the network pattern
        OutcomeFactsReader.Measurements whole = reader.read(intervention(OutcomeMetric.SLA_BREACHES, null), AS_OF);
        OutcomeFactsReader.Measurements scoped = reader.read(intervention(OutcomeMetric.SLA_BREACHES, "category:network"), AS_OF);

        // THEN two tickets breached, the first at its first breach; the pattern keeps only its own ticket's
        assertThat(whole.primary().target().events()).extracting(MetricEvent::at)
                .containsExactlyInAnyOrder(DELIVERED.minus(days(29)), DELIVERED.plus(days(30)));
        assertThat(scoped.primary().target().events()).extracting(MetricEvent::at)
                .containsExactly(DELIVERED.minus(days(29)));
    }

    @Test
    void read_shouldWeighEffortInHours_recordedOrTheConfiguredDefault() {
        incident("Payments", "network", 2, DELIVERED.minus(days(30)), Duration.ofHours(2)); // 90 minutes recorded

        OutcomeFactsReader.Measurements read = reader.read(intervention(OutcomeMetric.EFFORT_HOURS, null), AS_OF);

        assertThat(read.primary().target().events()).singleElement()
                .satisfies(e -> assertThat(e.weight()).isEqualTo(1.5));
    }

    private static MeasurementInput metric(OutcomeFactsReader.Measurements read, OutcomeMetric metric) {
        return read.secondary().stream().filter(i -> i.metric() == metric).findFirst().orElseThrow();
    }

    private static Intervention intervention(OutcomeMetric metric, String category) {
        return new Intervention("jira#1", "Fix the gateway", List.of("Payments"), List.of(),
                new ExpectedOutcome(metric, -0.3, category), DELIVERED, OutcomeWindows.DEFAULT);
    }

    private void demand(String id, Instant firstRaised) {
        io.demandloop.shared.decision.DemandId parsed = io.demandloop.shared.decision.DemandId.parse(id);
        DemandRecord record = new DemandRecord(id, parsed.service(), parsed.pattern(),
                io.demandloop.shared.demand.DemandTier.INITIATIVE, "rule", 7.5, 1.0, null, List.of(), List.of(), null,
                "Weekly outages");
        demands.save(StoredDemand.builder().record(record).contentHash(StoredDemand.contentHash(record))
                .evaluatedAt(firstRaised).firstRaisedAt(firstRaised)
                .status(io.demandloop.shared.decision.DemandStatus.NEW).statusBy("demand-evaluation")
                .statusAt(firstRaised).build(), null);
    }

    private Ticket incident(String service, String category, int priority, Instant opened, Duration toResolve) {
        return incident(service, category, priority, opened, toResolve, null);
    }

    private Ticket incident(String service, String category, int priority, Instant opened, Duration toResolve,
                            TicketSignals signals) {
        String number = "INC" + (++sequence);
        Ticket ticket = Ticket.builder().source("servicenow").sourceId(number).kind(TicketKind.INCIDENT).number(number)
                .service(service).priority(priority).state(TicketState.RESOLVED).openedAt(opened)
                .resolvedAt(opened.plus(toResolve)).effortMinutes(90).category(category).title("Outage")
                .sourceVersion(1).sourceUpdatedAt(opened).signals(signals).build();
        tickets.store(ticket);
        return ticket;
    }

    private void request(String service, Instant opened) {
        String number = "RITM" + (++sequence);
        tickets.store(Ticket.builder().source("servicenow").sourceId(number).kind(TicketKind.REQUEST).number(number)
                .service(service).priority(4).state(TicketState.CLOSED).openedAt(opened)
                .resolvedAt(opened.plus(Duration.ofDays(2))).effortMinutes(30).category("access").title("Access")
                .sourceVersion(1).sourceUpdatedAt(opened).build());
    }

    private static Duration days(long n) {
        return Duration.ofDays(n);
    }
}

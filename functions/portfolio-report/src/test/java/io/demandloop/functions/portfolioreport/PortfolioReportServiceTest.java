package io.demandloop.functions.portfolioreport;

import static io.demandloop.functions.portfolioreport.TestTickets.cancelled;
import static io.demandloop.functions.portfolioreport.TestTickets.open;
import static io.demandloop.functions.portfolioreport.TestTickets.resolved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.functions.portfolioreport.model.Anchors;
import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.alert.testing.InMemoryAlertRepository;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.demand.DemandTier;
import io.demandloop.shared.demand.ServiceCatalog;
import io.demandloop.shared.demand.ServiceTier;
import io.demandloop.shared.demand.testing.InMemoryDemandRepository;
import io.demandloop.shared.events.BusEvent;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.events.PublishException;
import io.demandloop.shared.initiative.ExpectedOutcome;
import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.initiative.InitiativeStatus;
import io.demandloop.shared.initiative.OutcomeMetric;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.monitoring.AlertStatus;
import io.demandloop.shared.monitoring.Severity;
import io.demandloop.shared.outcome.MetricOutcome;
import io.demandloop.shared.outcome.Outcome;
import io.demandloop.shared.outcome.OutcomeWindows;
import io.demandloop.shared.outcome.Verdict;
import io.demandloop.shared.outcome.testing.InMemoryOutcomeRepository;
import io.demandloop.shared.quality.testing.InMemoryRefusalLog;
import io.demandloop.shared.report.testing.InMemoryReportLinker;
import io.demandloop.shared.report.testing.InMemoryReportStore;
import io.demandloop.shared.sla.SlaEvaluator;
import io.demandloop.shared.sla.SlaPolicies;
import io.demandloop.shared.sla.SlaState;
import io.demandloop.shared.sla.TicketVersion;
import io.demandloop.shared.sla.testing.InMemorySlaRepository;
import io.demandloop.shared.stats.IntervalEstimate;
import io.demandloop.shared.testing.InMemoryInitiativeRepository;
import io.demandloop.shared.testing.InMemoryTicketRepository;
import io.demandloop.shared.testing.JsonSchemaCheck;
import io.demandloop.shared.testing.RecordingEventPublisher;
import io.demandloop.shared.ticket.ChangeDetails;
import io.demandloop.shared.ticket.ChangeOutcome;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketSignals;
import io.demandloop.shared.ticket.TicketState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PortfolioReportServiceTest {

    private static final Instant AS_OF = Instant.parse("2026-11-22T05:30:00Z");

    private final InMemoryTicketRepository tickets = new InMemoryTicketRepository();
    private final InMemoryReportStore reports = new InMemoryReportStore();
    private final RecordingEventPublisher events = new RecordingEventPublisher();
    private final InMemoryDemandRepository demands = new InMemoryDemandRepository();
    private final InMemoryInitiativeRepository initiatives = new InMemoryInitiativeRepository();
    private final InMemoryOutcomeRepository outcomes = new InMemoryOutcomeRepository();
    private final InMemoryAlertRepository alerts = new InMemoryAlertRepository();
    private final InMemoryRefusalLog refusals = new InMemoryRefusalLog();

    /** Every report a test wrote is valid against docs/report.schema.json, and the index against its schema. */
    @AfterEach
    void everyReportWrittenIsValidAgainstTheSchema() {
        reports.objects().forEach((key, object) -> {
            if (key.endsWith("portfolio.json")) {
                JsonSchemaCheck.assertValid(JsonSchemaCheck.REPORT_SCHEMA, object.body());
            } else if (key.equals("reports/index.json")) {
                JsonSchemaCheck.assertValid(JsonSchemaCheck.INDEX_SCHEMA, object.body());
            }
        });
    }

    private PortfolioReportService.Builder builder() {
        return PortfolioReportService.builder(tickets, reports, events).windowDays(90)
                .demands(demands, 0.5).initiatives(initiatives).outcomes(outcomes).alerts(alerts).refusals(refusals);
    }

    @Test
    void publish_shouldCountIncidentsPerService_withP1P2OpenResolvedCancelledAndRequests() throws Exception {
        // GIVEN
        tickets.store(open("p1", "payments", daysBefore(10)));
        tickets.store(major(resolved("p2", "payments", daysBefore(20), daysBefore(19))));
        tickets.store(resolved("p3", "payments", daysBefore(30), AS_OF.plus(Duration.ofHours(1)))); // open at as-of
        tickets.store(open("p4", "payments", daysBefore(100)));                                      // before the window
        tickets.store(open("p5", "payments", AS_OF.plus(Duration.ofDays(1))));                       // after as-of
        tickets.store(cancelled("p7", "payments", daysBefore(50), daysBefore(3)));
        tickets.store(TestTickets.ticket(TicketKind.REQUEST, "r1", "payments", TicketState.OPEN, daysBefore(1), null,
                null, daysBefore(1)));

        // WHEN
        builder().build().publish(AS_OF);

        // THEN
        JsonNode payments = service(json("reports/latest/portfolio.json"), "payments");
        assertThat(payments.get("incidents").intValue()).isEqualTo(4);
        assertThat(payments.get("incidentsP1P2").intValue()).isEqualTo(1);
        assertThat(payments.get("openIncidents").intValue()).isEqualTo(2);
        assertThat(payments.get("resolvedIncidents").intValue()).isEqualTo(1);
        assertThat(payments.get("cancelledIncidents").intValue()).isEqualTo(1);
        assertThat(payments.get("requests").intValue()).isEqualTo(1);
        // the trend counts p4 (100 days ago is inside 26 weeks) but not p5 (after as-of)
        int trendTotal = 0;
        for (JsonNode week : payments.get("trend")) {
            trendTotal += week.get("count").intValue();
        }
        assertThat(trendTotal).isEqualTo(5);
        assertThat(payments.get("trend")).hasSize(26);
        assertThat(payments.at("/trend/25/weekStart").textValue()).isEqualTo("2026-11-16");
    }

    @Test
    void publish_shouldGiveResolutionMedianAndP90_withOpenIncidentsCensored() throws Exception {
        // GIVEN resolved after 1, 2, 3 hours and two still open for 10 days: KM median 3 h, p90 never reached
        for (int h = 1; h <= 3; h++) {
            tickets.store(resolved("r" + h, "email", daysBefore(5), daysBefore(5).plus(Duration.ofHours(h))));
        }
        tickets.store(open("o1", "email", daysBefore(10)));
        tickets.store(open("o2", "email", daysBefore(10)));

        // WHEN
        builder().build().publish(AS_OF);

        // THEN
        JsonNode resolution = service(json("reports/latest/portfolio.json"), "email").get("resolution");
        assertThat(resolution.get("resolved").intValue()).isEqualTo(3);
        assertThat(resolution.get("censored").intValue()).isEqualTo(2);
        assertThat(resolution.get("medianHours").doubleValue()).isEqualTo(3.0);
        assertThat(resolution.get("p90Hours").isNull()).isTrue();
    }

    @Test
    void publish_shouldCountImportedTicketsBySourceVerdict_andChangeFailures_andAlertEpisodes() throws Exception {
        // GIVEN two imported incidents the source says met, one it says missed; one change failed of two decided
        tickets.store(withSla(resolved("i1", "hr", daysBefore(3), daysBefore(2)), true));
        tickets.store(withSla(resolved("i2", "hr", daysBefore(3), daysBefore(2)), true));
        tickets.store(withSla(resolved("i3", "hr", daysBefore(3), daysBefore(2)), false));
        tickets.store(change("c1", "hr", ChangeOutcome.FAILED));
        tickets.store(change("c2", "hr", ChangeOutcome.SUCCESSFUL));
        tickets.store(change("c3", "hr", null));
        alerts.putEpisode(episode("hr", daysBefore(4), true));
        alerts.putEpisode(episode("hr", daysBefore(2), false));
        alerts.putEpisode(episode("hr", daysBefore(200), true)); // before the window

        // WHEN
        builder().build().publish(AS_OF);

        // THEN
        JsonNode hr = service(json("reports/latest/portfolio.json"), "hr");
        assertThat(hr.at("/sla/met").intValue()).isEqualTo(2);
        assertThat(hr.at("/sla/breached").intValue()).isEqualTo(1);
        assertThat(hr.at("/sla/percent").doubleValue()).isEqualTo(66.7);
        assertThat(hr.at("/changes/changes").intValue()).isEqualTo(3);
        assertThat(hr.at("/changes/failed").intValue()).isEqualTo(1);
        assertThat(hr.at("/changes/rate").doubleValue()).isEqualTo(0.5);
        assertThat(hr.at("/alerts/episodes").intValue()).isEqualTo(2);
        assertThat(hr.at("/alerts/flapping").intValue()).isEqualTo(1);
    }

    @Test
    void publish_shouldReportSlaCompliancePerServiceAndPriority_fromTheSlaStates() throws Exception {
        // GIVEN P3 incidents (business hours: response 2 h, resolution 24 h) with their SLA states
        InMemorySlaRepository sla = new InMemorySlaRepository();
        SlaEvaluator evaluator = new SlaEvaluator(SlaPolicies.from(DemandloopConfig.defaults()));
        Ticket stillOpen = open("p1", "payments", daysBefore(1));
        Ticket late = resolved("p2", "payments", daysBefore(9), daysBefore(2));
        Ticket quick = resolved("e1", "email", daysBefore(4), daysBefore(4).plus(Duration.ofHours(4)));
        for (Ticket ticket : List.of(stillOpen, late, quick)) {
            tickets.store(ticket);
            TicketVersion version = TicketVersion.of(ticket);
            sla.saveState(SlaState.of(version, "1", 1, evaluator.evaluate(List.of(version)), Set.of()), 0);
        }
        tickets.store(open("p9", "payments", daysBefore(1)));

        // WHEN
        builder().sla(sla, "1").build().publish(AS_OF);

        // THEN
        JsonNode report = json("reports/latest/portfolio.json");
        List<String> lines = new ArrayList<>();
        report.at("/services/sla").forEach(r -> lines.add(r.get("service").asText() + " P" + r.get("priority").asInt()
                + " " + r.get("metric").asText() + " met=" + r.get("met").asInt() + " breached="
                + r.get("breached").asInt() + " inProgress=" + r.get("inProgress").asInt()));
        assertThat(lines).containsExactly(
                "email P3 response met=1 breached=0 inProgress=0",
                "email P3 resolution met=1 breached=0 inProgress=0",
                "payments P3 response met=1 breached=1 inProgress=0",
                "payments P3 resolution met=0 breached=1 inProgress=1");
        // the per-service percentage counts the resolution clock: payments 0 met of 1 decided
        assertThat(service(report, "payments").at("/sla/percent").doubleValue()).isEqualTo(0.0);
        assertThat(service(report, "email").at("/sla/percent").doubleValue()).isEqualTo(100.0);
        assertThat(reports.objects().get("reports/latest/portfolio-sla.csv").text())
                .contains("\r\npayments,3,resolution,0,1,1,2026-11-22T05:30:00Z,");
    }

    @Test
    void publish_shouldRankDemandsByTierThenScore_withCriteriaStatusAgeAndOnlyWebLinks() throws Exception {
        // GIVEN
        demands.save(TestDemands.demand("Email", "recurring-incidents#category:network", DemandTier.INITIATIVE, 7.5,
                daysBefore(10), daysBefore(1), null, "https://acme.service-now.com/nav_to.do?uri=incident.do"), null);
        demands.save(TestDemands.demand("Payments", "service-risk", DemandTier.PORTFOLIO_REVIEW, 6.0,
                daysBefore(3), daysBefore(1), null, "javascript:alert(1)"), null);
        demands.save(TestDemands.demand("VPN", "alert-noise", DemandTier.INITIATIVE, 8.0,
                daysBefore(40), daysBefore(1), null, null), null);
        demands.save(TestDemands.demand("Later", "alert-noise", DemandTier.PORTFOLIO_REVIEW, 9.0,
                AS_OF.plusSeconds(60), AS_OF.plusSeconds(60), null, null), null); // raised after as-of: not listed

        // WHEN
        builder().build().publish(AS_OF);

        // THEN
        JsonNode report = json("reports/latest/portfolio.json");
        JsonNode ranked = report.get("demands");
        assertThat(ranked).hasSize(3);
        assertThat(ranked.at("/0/id").textValue()).isEqualTo("Payments#service-risk");
        assertThat(ranked.at("/1/id").textValue()).isEqualTo("VPN#alert-noise");
        assertThat(ranked.at("/2/id").textValue()).isEqualTo("Email#recurring-incidents#category:network");
        assertThat(ranked.at("/2/rank").intValue()).isEqualTo(3);
        assertThat(ranked.at("/2/criteria")).hasSize(1);
        assertThat(ranked.at("/2/criteria/0/criterion").textValue()).isEqualTo("repeated-disruption");
        assertThat(ranked.at("/2/criteria/0/measures/0/value").textValue()).isEqualTo("5");
        assertThat(ranked.at("/2/criteria/0/measures/0/threshold").textValue()).isEqualTo("3");
        assertThat(ranked.at("/2/status/status").textValue()).isEqualTo("new");
        assertThat(ranked.at("/2/status/by").textValue()).isEqualTo("demand-evaluation");
        assertThat(ranked.at("/2/ageDays").intValue()).isEqualTo(10);
        assertThat(ranked.at("/2/evidence/0/link").textValue()).startsWith("https://acme.service-now.com/");
        assertThat(ranked.at("/0/evidence/0/link").isNull()).isTrue();
        assertThat(ranked.at("/0/anchor").textValue()).isEqualTo(Anchors.demand("Payments#service-risk"));
        List<String> tiers = new ArrayList<>();
        report.get("tierCounts").forEach(t -> tiers.add(t.get("tier").textValue() + "=" + t.get("count").intValue()));
        assertThat(tiers).containsExactly("portfolio-review=1", "initiative=2", "process-improvement=0",
                "stay-in-service-management=0");
        assertThat(reports.objects().get("reports/latest/portfolio.html").text()).doesNotContain("javascript:");
    }

    @Test
    void publish_shouldHeadlineNewAndRetieredDemandsOutcomesAndFlaggedTeams_sinceThePreviousReport() throws Exception {
        // GIVEN a first report a week ago
        Instant previous = AS_OF.minus(Duration.ofDays(7));
        builder().build().publish(previous);
        // and since then: a new demand, one re-tiered, one unchanged; an outcome decided; a team over the flag
        demands.save(TestDemands.demand("Email", "alert-noise", DemandTier.INITIATIVE, 7.5, daysBefore(2),
                daysBefore(1), null, null), null);
        demands.save(TestDemands.demand("VPN", "service-risk", DemandTier.PORTFOLIO_REVIEW, 8.0, daysBefore(30),
                daysBefore(1), DemandTier.INITIATIVE, null), null);
        demands.save(TestDemands.demand("HR", "service-risk", DemandTier.INITIATIVE, 5.0, daysBefore(30),
                daysBefore(20), DemandTier.PROCESS_IMPROVEMENT, null), null);
        Instant delivered = AS_OF.minus(Duration.ofDays(14 + 84 + 3)); // after window complete three days ago
        initiatives.store(initiative("jira", "PAY-1", "Fix <payments>", delivered, "VPN#service-risk"));
        outcomes.save(outcome("jira#PAY-1", "Fix <payments>", delivered, Verdict.IMPROVED), null, false);
        demands.saveCapacity(TestSnapshots.snapshot(AS_OF.minus(Duration.ofHours(1))));

        // WHEN
        builder().build().publish(AS_OF);

        // THEN
        JsonNode report = json("reports/latest/portfolio.json");
        assertThat(report.at("/headline/since").textValue()).isEqualTo(previous.toString());
        assertThat(report.at("/provenance/previousAsOf").textValue()).isEqualTo(previous.toString());
        List<String> kinds = new ArrayList<>();
        report.at("/headline/items").forEach(i -> kinds.add(i.get("kind").textValue() + " " + i.get("anchor").textValue()));
        assertThat(kinds).containsExactly(
                "new-demand " + Anchors.demand("Email#alert-noise"),
                "re-tiered-demand " + Anchors.demand("VPN#service-risk"),
                "outcome-measured " + Anchors.initiative("jira#PAY-1"),
                "team-over-flag " + Anchors.team("payments"),
                "team-over-flag " + Anchors.team("identity"));
        assertThat(report.at("/headline/items/1/sentence").textValue())
                .isEqualTo("Demand for VPN (service risk) moved from initiative to portfolio review (score 8).");
        // every anchor the headline links to is carried by an entry of the report
        String text = report.toString();
        report.at("/headline/items").forEach(i -> assertThat(occurrences(text, "\"anchor\":\""
                + i.get("anchor").textValue() + "\"")).isGreaterThanOrEqualTo(2));
        // lineage: the initiative names its demand, the demand its initiative
        JsonNode initiative = report.at("/initiatives/0");
        assertThat(initiative.at("/demands/0/anchor").textValue()).isEqualTo(Anchors.demand("VPN#service-risk"));
        assertThat(initiative.at("/outcome/verdict").textValue()).isEqualTo("improved");
        assertThat(initiative.at("/outcome/weekly")).hasSize(2);
        assertThat(report.at("/demands/0/initiatives/0").textValue()).isEqualTo("jira#PAY-1");
    }

    @Test
    void publish_shouldSaySo_whenTheDayHasNoData() throws Exception {
        // GIVEN nothing stored

        // WHEN
        builder().build().publish(AS_OF);

        // THEN
        JsonNode report = json("reports/latest/portfolio.json");
        assertThat(report.get("empty").booleanValue()).isTrue();
        assertThat(report.get("summary").textValue()).isEqualTo("No data for the 90 days to 2026-11-22: no ticket, "
                + "alert episode, demand or initiative was stored, so there is nothing to decide.");
        assertThat(reports.objects().get("reports/latest/portfolio.html").text()).contains("No data for the 90 days");
    }

    @Test
    void publish_shouldCountRefusalsUnknownServicesAndNewestRecordPerSource_andSayDeadLettersAreNotAvailable()
            throws Exception {
        // GIVEN
        refusals.refused("jira", "unauthorised", daysBefore(1));
        refusals.refused("jira", "unauthorised", daysBefore(2));
        refusals.refused("servicenow", "invalid-record", daysBefore(3));
        refusals.refused("servicenow", "invalid-record", daysBefore(200)); // outside the window
        tickets.store(open("u1", Ticket.UNKNOWN_SERVICE, daysBefore(1)));
        tickets.store(open("u2", "", daysBefore(1)));
        Ticket jira = Ticket.builder().source("jira").sourceId("J-1").kind(TicketKind.INCIDENT).number("OPS-1")
                .service("payments").priority(3).state(TicketState.OPEN).openedAt(daysBefore(40)).title("t")
                .sourceVersion(1).sourceUpdatedAt(daysBefore(30)).build();
        tickets.store(jira);
        alerts.putEpisode(episode("payments", daysBefore(12), false)); // an alertmanager alert 12 days ago

        // WHEN
        builder().build().publish(AS_OF);

        // THEN
        JsonNode quality = json("reports/latest/portfolio.json").get("dataQuality");
        assertThat(quality.at("/refusals/available").booleanValue()).isTrue();
        assertThat(quality.at("/refusals/total").intValue()).isEqualTo(3);
        assertThat(quality.at("/refusals/counts/0/source").textValue()).isEqualTo("jira");
        assertThat(quality.at("/refusals/counts/0/count").intValue()).isEqualTo(2);
        assertThat(quality.at("/deadLetters/available").booleanValue()).isFalse();
        assertThat(quality.get("unknownService").intValue()).isEqualTo(2);
        assertThat(quality.at("/sources/0/source").textValue()).isEqualTo("jira");
        assertThat(quality.at("/sources/0/silentDays").intValue()).isEqualTo(30);
        assertThat(quality.at("/sources/1/source").textValue()).isEqualTo("alertmanager");
        assertThat(quality.at("/sources/1/silentDays").intValue()).isEqualTo(12);
        assertThat(quality.at("/sources/2/source").textValue()).isEqualTo("servicenow");
    }

    @Test
    void publish_shouldGiveEachDeadLetterQueuesDepth_andSayNotAvailableRatherThanZero_whenItCannotBeRead()
            throws Exception {
        // GIVEN queues of which one could not be read
        io.demandloop.shared.quality.DeadLetterQueues queues = () -> List.of(
                new io.demandloop.shared.quality.DeadLetterQueues.Depth("TicketStoreQueue", 3L),
                new io.demandloop.shared.quality.DeadLetterQueues.Depth("FailedInvocationsQueue", null));

        // WHEN
        builder().deadLetters(queues).build().publish(AS_OF);

        // THEN sorted by name, the unreadable one null, never 0
        JsonNode deadLetters = json("reports/latest/portfolio.json").at("/dataQuality/deadLetters");
        assertThat(deadLetters.get("available").booleanValue()).isTrue();
        assertThat(deadLetters.at("/queues/0/queue").textValue()).isEqualTo("FailedInvocationsQueue");
        assertThat(deadLetters.at("/queues/0/messages").isNull()).isTrue();
        assertThat(deadLetters.at("/queues/1/messages").intValue()).isEqualTo(3);
        assertThat(reports.objects().get("reports/latest/portfolio-data-quality.csv").text())
                .contains("\r\ndead-letters,FailedInvocationsQueue,,,false,,,")
                .contains("\r\ndead-letters,TicketStoreQueue,,3,true,,,");
    }

    @Test
    void publish_shouldSayDeadLettersAreNotAvailable_whenTheQueuesCannotBeReadAtAll() throws Exception {
        // GIVEN
        io.demandloop.shared.quality.DeadLetterQueues failing = () -> {
            throw new IllegalStateException("AccessDenied");
        };

        // WHEN
        builder().deadLetters(failing).build().publish(AS_OF);

        // THEN the report is written and says so
        JsonNode deadLetters = json("reports/latest/portfolio.json").at("/dataQuality/deadLetters");
        assertThat(deadLetters.get("available").booleanValue()).isFalse();
        assertThat(deadLetters.get("queues")).isEmpty();
    }

    @Test
    void publish_shouldNameTierTeamAndCapability_fromTheServiceCatalog() throws Exception {
        // GIVEN
        ServiceCatalog catalog = new ServiceCatalog(null, ServiceTier.LOW,
                Map.of("payments", new ServiceCatalog.Entry(ServiceTier.CRITICAL, "payments-team", "Revenue"),
                        "quiet", new ServiceCatalog.Entry(null, null, null)),
                Map.of("payments-team", new ServiceCatalog.Team(40.0)));
        tickets.store(open("p1", "payments", daysBefore(1)));

        // WHEN
        builder().catalog(catalog).build().publish(AS_OF);

        // THEN
        JsonNode report = json("reports/latest/portfolio.json");
        assertThat(service(report, "payments").get("tier").textValue()).isEqualTo("critical");
        assertThat(service(report, "payments").get("team").textValue()).isEqualTo("payments-team");
        assertThat(service(report, "payments").get("capability").textValue()).isEqualTo("Revenue");
        assertThat(service(report, "quiet").get("tier").textValue()).isEqualTo("low");
        assertThat(service(report, "quiet").get("incidents").intValue()).isZero();
        assertThat(report.at("/provenance/configHash").textValue()).hasSize(16);
    }

    @Test
    void publish_shouldWriteDatedLatestAndIndexKeys_andByteIdenticalObjectsOnARerun() {
        // GIVEN
        tickets.store(open("p1", "payments", daysBefore(1)));
        PortfolioReportService service = builder().build();

        // WHEN
        PublishedReport first = service.publish(AS_OF);
        Map<String, InMemoryReportStore.StoredObject> afterFirst = reports.objects();
        PublishedReport second = service.publish(AS_OF);

        // THEN
        assertThat(first.keys()).contains("reports/2026/11/22/portfolio.json", "reports/2026/11/22/portfolio.html",
                "reports/2026/11/22/portfolio-demands.csv", "reports/latest/portfolio.json", "reports/index.json",
                "reports/index.html").hasSize(2 * 8 + 2);
        assertThat(first.keys().indexOf("reports/2026/11/22/portfolio.json"))
                .isLessThan(first.keys().indexOf("reports/latest/portfolio.json"));
        assertThat(second.keys()).isEqualTo(first.keys());
        reports.objects().forEach((key, object) -> assertThat(object.body()).as(key)
                .isEqualTo(afterFirst.get(key).body()));
        assertThat(reports.objects().get("reports/2026/11/22/portfolio.json").contentType()).isEqualTo("application/json");
        assertThat(reports.objects().get("reports/2026/11/22/portfolio-services.csv").contentType())
                .isEqualTo("text/csv; charset=utf-8");
    }

    @Test
    void publish_shouldKeepOneIndexEntryPerDate_newestFirst_withTierCountsAndHeadlines() throws Exception {
        // GIVEN
        PortfolioReportService service = builder().build();
        service.publish(AS_OF.minus(Duration.ofDays(1)));
        demands.save(TestDemands.demand("Email", "alert-noise", DemandTier.INITIATIVE, 7.5, daysBefore(0).minusSeconds(60),
                daysBefore(0).minusSeconds(60), null, null), null);

        // WHEN the day is reported twice and an older day once
        service.publish(AS_OF);
        service.publish(AS_OF);
        service.publish(AS_OF.minus(Duration.ofDays(5)));

        // THEN
        JsonNode index = json("reports/index.json");
        List<String> dates = new ArrayList<>();
        index.get("reports").forEach(e -> dates.add(e.get("date").textValue()));
        assertThat(dates).containsExactly("2026-11-22", "2026-11-21", "2026-11-17");
        assertThat(index.at("/reports/0/path").textValue()).isEqualTo("2026/11/22/");
        assertThat(index.at("/reports/0/tierCounts/1/count").intValue()).isEqualTo(1);
        assertThat(index.at("/reports/0/headline/0").textValue()).startsWith("New demand for Email");
        assertThat(reports.objects().get("reports/index.html").text())
                .contains("<a href=\"2026/11/22/portfolio.html\">22 November 2026</a>", "New demand for Email");
    }

    @Test
    void publish_shouldNotOverwriteABrokenManifest_butFailNamingIt() {
        // GIVEN
        reports.put("reports/index.json", "not json".getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json");

        // WHEN / THEN
        assertThatThrownBy(() -> builder().build().publish(AS_OF))
                .hasMessageContaining("reports/index.json is not a readable report index");
        assertThat(reports.objects()).containsOnlyKeys("reports/index.json");
        reports.put("reports/index.json", "{\"schemaVersion\":2,\"reports\":[]}".getBytes(
                java.nio.charset.StandardCharsets.UTF_8), "application/json"); // for the schema check after the test
    }

    @Test
    void publish_shouldAnnounceWithoutLinks_andReturnLinksToTheDatedCopies() throws Exception {
        // GIVEN
        Clock clock = Clock.fixed(AS_OF.plusSeconds(3600), ZoneOffset.UTC);
        PortfolioReportService service = builder().links(new InMemoryReportLinker(), Duration.ofDays(7), clock).build();

        // WHEN
        PublishedReport published = service.publish(AS_OF);

        // THEN
        assertThat(published.links()).hasSize(8);
        assertThat(published.links().get(0).key()).isEqualTo("reports/2026/11/22/portfolio.json");
        assertThat(published.links().get(0).url()).startsWith("https://reports.invalid/reports/2026/11/22/portfolio.json");
        assertThat(published.links().get(0).expiresAt()).isEqualTo(AS_OF.plusSeconds(3600).plus(Duration.ofDays(7)));
        BusEvent event = events.published().get(0);
        assertThat(event.detailType()).isEqualTo(EventNames.REPORT_PUBLISHED);
        assertThat(Json.mapper().readTree(event.detailJson()).has("links")).isFalse();
        assertThat(service.links(LocalDate.of(2026, 11, 22), Duration.ofHours(1)).get(0).expiresAt())
                .isEqualTo(AS_OF.plusSeconds(7200));
    }

    @Test
    void links_shouldRefuseAnExpiryLongerThanSevenDays_namingTheLimit() {
        // GIVEN
        PortfolioReportService service = builder().links(new InMemoryReportLinker(), Duration.ofDays(1),
                Clock.fixed(AS_OF, ZoneOffset.UTC)).build();

        // WHEN / THEN
        assertThatThrownBy(() -> service.links(null, Duration.ofDays(8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("link expiry PT192H is longer than seven days (P7D), the most a SigV4 presigned URL allows");
        assertThatThrownBy(() -> builder().links(new InMemoryReportLinker(), Duration.ofDays(8), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seven days");
    }

    @Test
    void publish_shouldThrowAfterWritingReports_whenBusRefuses() {
        // GIVEN
        events.refuseEverything();

        // WHEN / THEN
        assertThatThrownBy(() -> builder().build().publish(AS_OF)).isInstanceOf(PublishException.class);
        assertThat(reports.objects()).hasSize(2 * 8 + 2);
    }

    // ------------------------------------------------------------------ fixtures

    private static Ticket major(Ticket t) {
        return t.toBuilder().priority(1).build();
    }

    private static Ticket withSla(Ticket t, boolean met) {
        return t.toBuilder().signals(TicketSignals.of(null, null, met)).build();
    }

    private static Ticket change(String id, String service, ChangeOutcome outcome) {
        return Ticket.builder().source("servicenow").sourceId(id).kind(TicketKind.CHANGE).number("CHG" + id)
                .service(service).priority(3).state(TicketState.CLOSED).openedAt(daysBefore(5)).closedAt(daysBefore(4))
                .title("change " + id).sourceVersion(1).sourceUpdatedAt(daysBefore(4))
                .change(new ChangeDetails(outcome, null, null)).build();
    }

    private static AlertEpisode episode(String service, Instant start, boolean flapping) {
        return new AlertEpisode(service, start, start, start.plusSeconds(600), AlertStatus.RESOLVED, Severity.HIGH, 2,
                0, 1, flapping, flapping ? List.of("fp1") : List.of(), "alertmanager#fp1", null);
    }

    private static Initiative initiative(String source, String id, String title, Instant delivered, String demandId) {
        return Initiative.builder().source(source).sourceId(id).title(title).services(List.of("VPN"))
                .demandIds(List.of(demandId)).expected(new ExpectedOutcome(OutcomeMetric.INCIDENTS, -0.3, null))
                .status(InitiativeStatus.DELIVERED).deliveredAt(delivered).sourceVersion(1)
                .sourceUpdatedAt(delivered).build();
    }

    private static Outcome outcome(String initiativeId, String title, Instant delivered, Verdict verdict) {
        MetricOutcome primary = new MetricOutcome(OutcomeMetric.INCIDENTS, verdict,
                "Incidents on VPN fell from 2.0 to 0.5 a week: improved.", "exact rate ratio",
                new MetricOutcome.WindowFigures(delivered.minus(Duration.ofDays(84)), delivered, 84, 24, 2.0, null, null),
                new MetricOutcome.WindowFigures(delivered.plus(Duration.ofDays(14)), delivered.plus(Duration.ofDays(98)),
                        84, 6, 0.5, null, null),
                new IntervalEstimate(-0.75, -0.9, -0.4, 1e-5), List.of(), null, null,
                List.of(new MetricOutcome.WeekPoint(LocalDate.of(2026, 6, 1), 3),
                        new MetricOutcome.WeekPoint(LocalDate.of(2026, 6, 8), 1)));
        return Outcome.builder().initiativeId(initiativeId).title(title).services(List.of("VPN"))
                .demandIds(List.of("VPN#service-risk")).expected(new ExpectedOutcome(OutcomeMetric.INCIDENTS, -0.3, null))
                .deliveredAt(delivered).windows(new OutcomeWindows(84, 14, 84)).measuredAt(AS_OF.minusSeconds(900))
                .primary(primary).build();
    }

    private JsonNode json(String key) throws Exception {
        return Json.mapper().readTree(reports.objects().get(key).text());
    }

    private static JsonNode service(JsonNode report, String name) {
        for (JsonNode line : report.at("/services/services")) {
            if (line.get("service").textValue().equals(name)) {
                return line;
            }
        }
        throw new AssertionError("no service line for " + name + " in " + report.at("/services/services"));
    }

    private static Instant daysBefore(int days) {
        return AS_OF.minus(Duration.ofDays(days));
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            count++;
        }
        return count;
    }
}

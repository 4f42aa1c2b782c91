package io.demandloop.functions.portfolioreport;

import static io.demandloop.functions.portfolioreport.TestTickets.cancelled;
import static io.demandloop.functions.portfolioreport.TestTickets.closed;
import static io.demandloop.functions.portfolioreport.TestTickets.open;
import static io.demandloop.functions.portfolioreport.TestTickets.resolved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.demandloop.shared.events.BusEvent;
import io.demandloop.shared.events.EventNames;
import io.demandloop.shared.events.PublishException;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.sla.SlaEvaluator;
import io.demandloop.shared.sla.SlaPolicies;
import io.demandloop.shared.sla.SlaState;
import io.demandloop.shared.sla.TicketVersion;
import io.demandloop.shared.testing.InMemoryDemandRepository;
import io.demandloop.shared.testing.InMemoryReportStore;
import io.demandloop.shared.testing.InMemorySlaRepository;
import io.demandloop.shared.testing.InMemoryTicketRepository;
import io.demandloop.shared.testing.RecordingEventPublisher;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortfolioReportServiceTest {

    private static final Instant AS_OF = Instant.parse("2026-11-22T05:30:00Z");

    private final InMemoryTicketRepository tickets = new InMemoryTicketRepository();
    private final InMemoryReportStore reports = new InMemoryReportStore();
    private final RecordingEventPublisher events = new RecordingEventPublisher();
    private final PortfolioReportService service = new PortfolioReportService(tickets, reports, events, 90);

    @Test
    void publish_shouldCountOpenAndResolvedPerService_whenIncidentsInWindow() throws Exception {
        // GIVEN
        tickets.store(open("p1", "payments", daysBefore(10)));
        tickets.store(resolved("p2", "payments", daysBefore(20), daysBefore(5)));
        tickets.store(resolved("p3", "payments", daysBefore(30), AS_OF.plus(Duration.ofHours(1))));
        tickets.store(open("p4", "payments", daysBefore(100)));
        tickets.store(open("p5", "payments", AS_OF.plus(Duration.ofDays(1))));
        tickets.store(closed("p6", "payments", daysBefore(40), daysBefore(2)));
        tickets.store(cancelled("p7", "payments", daysBefore(50), daysBefore(3)));
        tickets.store(cancelled("p8", "payments", daysBefore(60), AS_OF.plusSeconds(1)));
        tickets.store(resolved("e1", "email", daysBefore(5), daysBefore(4)));
        tickets.store(open("e2", "email", daysBefore(90)));
        tickets.store(resolved("e3", "email", daysBefore(6), AS_OF));
        tickets.store(TestTickets.ticket(TicketKind.REQUEST, "r1", "email", TicketState.OPEN,
                daysBefore(1), null, null, daysBefore(1)));

        // WHEN
        service.publish(AS_OF);

        // THEN
        JsonNode report = json("reports/latest/portfolio.json");
        assertThat(report.get("services")).hasSize(2);
        assertCounts(report.at("/services/0"), "payments", 6, 3, 2, 1);
        assertCounts(report.at("/services/1"), "email", 3, 1, 2, 0);
        assertThat(report.at("/totals/services").intValue()).isEqualTo(2);
        assertThat(report.at("/totals/incidents/opened").intValue()).isEqualTo(9);
        assertThat(report.at("/totals/incidents/open").intValue()).isEqualTo(4);
        assertThat(report.at("/totals/incidents/resolved").intValue()).isEqualTo(4);
        assertThat(report.at("/totals/incidents/cancelled").intValue()).isEqualTo(1);
    }

    @Test
    void publish_shouldReportSlaCompliancePerServiceAndPriority_fromTheSlaStates() throws Exception {
        // GIVEN P3 incidents (business hours: response 2 h, resolution 24 h) with their SLA states
        InMemorySlaRepository sla = new InMemorySlaRepository();
        SlaEvaluator evaluator = new SlaEvaluator(SlaPolicies.from(DemandloopConfig.defaults()));
        // opened Saturday and taken in progress at once: responded, resolution clock not started (weekend)
        Ticket stillOpen = open("p1", "payments", daysBefore(1));
        // opened Friday 13th 05:30, resolved a week later: both targets breached
        Ticket late = resolved("p2", "payments", daysBefore(9), daysBefore(2));
        // opened Wednesday 05:30, resolved at 09:30 the same day: half an hour of business time
        Ticket quick = resolved("e1", "email", daysBefore(4), daysBefore(4).plus(Duration.ofHours(4)));
        for (Ticket ticket : List.of(stillOpen, late, quick)) {
            tickets.store(ticket);
            TicketVersion version = TicketVersion.of(ticket);
            sla.saveState(SlaState.of(version, "1", 1, evaluator.evaluate(List.of(version)), Set.of()), 0);
        }
        // and one without SLA state (no policy): not counted
        tickets.store(open("p9", "payments", daysBefore(1)));

        // WHEN
        new PortfolioReportService(tickets, sla, "1", reports, events, 90).publish(AS_OF);

        // THEN
        JsonNode rows = json("reports/latest/portfolio.json").get("sla");
        List<String> lines = new ArrayList<>();
        rows.forEach(r -> lines.add(r.get("service").asText() + " P" + r.get("priority").asInt() + " " + r.get("metric").asText()
                + " met=" + r.get("met").asInt() + " breached=" + r.get("breached").asInt() + " inProgress=" + r.get("inProgress").asInt()));
        assertThat(lines).containsExactly(
                "email P3 response met=1 breached=0 inProgress=0",
                "email P3 resolution met=1 breached=0 inProgress=0",
                "payments P3 response met=1 breached=1 inProgress=0",
                "payments P3 resolution met=0 breached=1 inProgress=1");
        assertThat(reports.objects().get("reports/latest/portfolio-sla.csv").text()).isEqualTo(
                "service,priority,metric,met,breached,in_progress,as_of,window_from,window_to\r\n"
                        + "email,3,response,1,0,0,2026-11-22T05:30:00Z,2026-08-24T05:30:00Z,2026-11-22T05:30:00Z\r\n"
                        + "email,3,resolution,1,0,0,2026-11-22T05:30:00Z,2026-08-24T05:30:00Z,2026-11-22T05:30:00Z\r\n"
                        + "payments,3,response,1,1,0,2026-11-22T05:30:00Z,2026-08-24T05:30:00Z,2026-11-22T05:30:00Z\r\n"
                        + "payments,3,resolution,0,1,1,2026-11-22T05:30:00Z,2026-08-24T05:30:00Z,2026-11-22T05:30:00Z\r\n");
        assertThat(reports.objects().get("reports/latest/portfolio.html").text())
                .contains("SLA compliance by service and priority", "<td class=\"num attention\">1</td>");
    }

    @Test
    void publish_shouldWriteSchemaVersionAndWindow_whenRun() throws Exception {
        // GIVEN
        tickets.store(open("p1", "payments", daysBefore(1)));

        // WHEN
        service.publish(AS_OF);

        // THEN
        JsonNode report = json("reports/latest/portfolio.json");
        assertThat(fieldNames(report)).containsExactly("schemaVersion", "asOf", "window", "services", "totals", "sla",
                "capacity", "outcomes");
        assertThat(report.get("outcomes")).isEmpty();
        assertThat(report.get("schemaVersion").intValue()).isEqualTo(1);
        assertThat(report.get("asOf").textValue()).isEqualTo("2026-11-22T05:30:00Z");
        assertThat(report.at("/window/from").textValue()).isEqualTo("2026-08-24T05:30:00Z");
        assertThat(report.at("/window/to").textValue()).isEqualTo("2026-11-22T05:30:00Z");
        assertThat(report.at("/window/days").intValue()).isEqualTo(90);
        assertThat(fieldNames(report.at("/services/0"))).containsExactly("service", "incidents");
        assertThat(fieldNames(report.at("/services/0/incidents")))
                .containsExactly("opened", "open", "resolved", "cancelled");
        assertThat(fieldNames(report.get("totals"))).containsExactly("services", "incidents");
    }

    @Test
    void publish_shouldSortServicesByOpenThenOpenedThenName_whenCountsTie() throws Exception {
        // GIVEN
        tickets.store(open("d1", "delta", daysBefore(1)));
        for (String service : List.of("gamma", "alpha")) {
            tickets.store(open(service + "1", service, daysBefore(1)));
            tickets.store(resolved(service + "2", service, daysBefore(3), daysBefore(2)));
            tickets.store(resolved(service + "3", service, daysBefore(3), daysBefore(2)));
        }
        tickets.store(open("b1", "beta", daysBefore(1)));
        tickets.store(open("b2", "beta", daysBefore(2)));

        // WHEN
        service.publish(AS_OF);

        // THEN
        List<String> order = new ArrayList<>();
        json("reports/latest/portfolio.json").get("services").forEach(s -> order.add(s.get("service").textValue()));
        assertThat(order).containsExactly("beta", "alpha", "gamma", "delta");
    }

    @Test
    void publish_shouldWriteTenObjectsWithContentTypes_whenRun() {
        // GIVEN
        tickets.store(open("p1", "payments", daysBefore(1)));

        // WHEN
        PublishedReport published = service.publish(AS_OF);

        // THEN
        Map<String, InMemoryReportStore.StoredObject> objects = reports.objects();
        assertThat(objects).containsOnlyKeys(
                "reports/latest/portfolio.json", "reports/latest/portfolio.html", "reports/latest/portfolio.csv",
                "reports/latest/portfolio-sla.csv", "reports/latest/portfolio-capacity.csv",
                "reports/2026-11-22/portfolio.json", "reports/2026-11-22/portfolio.html", "reports/2026-11-22/portfolio.csv",
                "reports/2026-11-22/portfolio-sla.csv", "reports/2026-11-22/portfolio-capacity.csv");
        for (String prefix : List.of("reports/latest/", "reports/2026-11-22/")) {
            assertThat(objects.get(prefix + "portfolio.json").contentType()).isEqualTo("application/json");
            assertThat(objects.get(prefix + "portfolio.html").contentType()).isEqualTo("text/html; charset=utf-8");
            assertThat(objects.get(prefix + "portfolio.csv").contentType()).isEqualTo("text/csv; charset=utf-8");
            assertThat(objects.get(prefix + "portfolio-sla.csv").contentType()).isEqualTo("text/csv; charset=utf-8");
            assertThat(objects.get(prefix + "portfolio-capacity.csv").contentType()).isEqualTo("text/csv; charset=utf-8");
        }
        assertThat(objects.get("reports/2026-11-22/portfolio.html").body())
                .isEqualTo(objects.get("reports/latest/portfolio.html").body());
        assertThat(published.keys()).containsExactly(
                "reports/2026-11-22/portfolio.json", "reports/2026-11-22/portfolio.html", "reports/2026-11-22/portfolio.csv",
                "reports/2026-11-22/portfolio-sla.csv", "reports/2026-11-22/portfolio-capacity.csv",
                "reports/latest/portfolio.json", "reports/latest/portfolio.html", "reports/latest/portfolio.csv",
                "reports/latest/portfolio-sla.csv", "reports/latest/portfolio-capacity.csv");
    }

    @Test
    void publish_shouldUseAsOfUtcDateForDatedKeys_whenAsOfIsLateInTheDay() {
        // GIVEN
        Instant asOf = Instant.parse("2026-11-23T00:30:00+01:00");

        // WHEN
        PublishedReport published = service.publish(asOf);

        // THEN
        assertThat(published.asOf()).isEqualTo(Instant.parse("2026-11-22T23:30:00Z"));
        assertThat(published.keys()).contains("reports/2026-11-22/portfolio.json")
                .noneMatch(key -> key.startsWith("reports/2026-11-23/"));
    }

    @Test
    void publish_shouldWriteByteIdenticalObjects_whenRerunForSameAsOf() {
        // GIVEN
        tickets.store(open("p1", "payments", daysBefore(1)));
        tickets.store(resolved("p2", "payments", daysBefore(9), daysBefore(2)));
        tickets.store(open("e1", "email", daysBefore(4)));
        tickets.store(cancelled("e2", "email", daysBefore(8), daysBefore(7)));
        service.publish(AS_OF);
        Map<String, InMemoryReportStore.StoredObject> first = reports.objects();
        InMemoryReportStore secondStore = new InMemoryReportStore();

        // WHEN
        new PortfolioReportService(tickets, secondStore, new RecordingEventPublisher(), 90).publish(AS_OF);

        // THEN
        Map<String, InMemoryReportStore.StoredObject> second = secondStore.objects();
        assertThat(second.keySet()).isEqualTo(first.keySet());
        first.forEach((key, object) -> assertThat(second.get(key).body()).as(key).isEqualTo(object.body()));
    }

    @Test
    void publish_shouldPublishReportPublishedEvent_afterWritingTheReports() throws Exception {
        // GIVEN
        tickets.store(open("p1", "payments", daysBefore(1)));

        // WHEN
        PublishedReport published = service.publish(AS_OF);

        // THEN
        assertThat(events.published()).hasSize(1);
        BusEvent event = events.published().get(0);
        assertThat(event.source()).isEqualTo(EventNames.REPORT_SOURCE);
        assertThat(event.detailType()).isEqualTo(EventNames.REPORT_PUBLISHED);
        JsonNode detail = Json.mapper().readTree(event.detailJson());
        assertThat(fieldNames(detail)).containsExactly("asOf", "keys");
        assertThat(detail.get("asOf").textValue()).isEqualTo("2026-11-22T05:30:00Z");
        List<String> keys = new ArrayList<>();
        detail.get("keys").forEach(k -> keys.add(k.textValue()));
        assertThat(keys).isEqualTo(published.keys()).hasSize(10);
    }

    @Test
    void publish_shouldThrowAfterWritingReports_whenBusRefuses() {
        // GIVEN
        events.refuseEverything();

        // WHEN / THEN
        assertThatThrownBy(() -> service.publish(AS_OF)).isInstanceOf(PublishException.class);
        assertThat(reports.objects()).hasSize(10);
    }

    @Test
    void publish_shouldWriteEmptyReport_whenNoIncidentsInWindow() throws Exception {
        // GIVEN
        tickets.store(open("old", "payments", daysBefore(91)));

        // WHEN
        service.publish(AS_OF);

        // THEN
        JsonNode report = json("reports/latest/portfolio.json");
        assertThat(report.get("services")).isEmpty();
        assertThat(report.at("/totals/services").intValue()).isZero();
        assertThat(report.at("/totals/incidents/opened").intValue()).isZero();
        String html = reports.objects().get("reports/latest/portfolio.html").text();
        assertThat(html).contains("No incidents opened in the last 90 days.", "No incident was opened between")
                .doesNotContain("<svg", "<table");
        assertThat(reports.objects().get("reports/latest/portfolio.csv").text())
                .isEqualTo(String.join(",", CsvReportRenderer.HEADER) + "\r\n");
    }

    @Test
    void publish_shouldCountBlankServiceAsUnknown_whenSourceNamesNone() throws Exception {
        // GIVEN
        tickets.store(open("x1", " ", daysBefore(1)));

        // WHEN
        service.publish(AS_OF);

        // THEN
        assertThat(json("reports/latest/portfolio.json").at("/services/0/service").textValue()).isEqualTo("unknown");
    }

    @Test
    void publish_shouldReportSupportLoadFromTheNewestSnapshotAtOrBeforeAsOf_andFlagTeamsAtTheConfiguredShare()
            throws Exception {
        // GIVEN snapshots of three nights: the night before, tonight (half an hour before the report), tomorrow
        InMemoryDemandRepository demands = new InMemoryDemandRepository();
        Instant tonight = AS_OF.minus(Duration.ofMinutes(30));
        demands.saveCapacity(TestSnapshots.snapshot(tonight.minus(Duration.ofDays(1)), "payments", "Yesterday", "VPN"));
        demands.saveCapacity(TestSnapshots.snapshot(tonight));
        demands.saveCapacity(TestSnapshots.snapshot(AS_OF.plus(Duration.ofDays(1)), "payments", "Tomorrow", "VPN"));
        tickets.store(open("p1", "payments", daysBefore(1)));

        // WHEN
        new PortfolioReportService(tickets, null, null, demands, 0.5, reports, events, 90).publish(AS_OF);

        // THEN the JSON holds tonight's snapshot, each team flagged at 50 % or more
        JsonNode capacity = json("reports/latest/portfolio.json").get("capacity");
        assertThat(fieldNames(capacity)).containsExactly("asOf", "window", "flagShare", "teams", "withoutTeam");
        assertThat(capacity.get("asOf").asText()).isEqualTo("2026-11-22T05:00:00Z");
        assertThat(capacity.at("/window/name").asText()).isEqualTo("30d");
        assertThat(capacity.at("/window/from").asText()).isEqualTo("2026-10-23T05:00:00Z");
        assertThat(capacity.at("/window/to").asText()).isEqualTo("2026-11-22T05:00:00Z");
        assertThat(capacity.get("flagShare").asDouble()).isEqualTo(0.5);
        List<String> teams = new ArrayList<>();
        capacity.get("teams").forEach(t -> teams.add(t.get("team").asText() + " " + t.get("share").asDouble() + " "
                + t.get("flagged").asBoolean()));
        assertThat(teams).containsExactly("payments 1.2 true", "identity 0.55 true", "messaging 0.0532 false",
                "idle 0.0 false");
        JsonNode payments = capacity.at("/teams/0");
        assertThat(fieldNames(payments)).containsExactly("team", "capacityHoursPerWeek", "hoursPerWeek", "share", "flagged",
                "services");
        assertThat(fieldNames(payments.get("hoursPerWeek"))).containsExactly("total", "incidents", "requests", "changes");
        assertThat(payments.at("/services/0/service").asText()).isEqualTo("Payments");
        assertThat(payments.at("/services/0/share").asDouble()).isEqualTo(1.05);
        assertThat(capacity.at("/withoutTeam/0/service").asText()).isEqualTo("VPN");
        assertThat(capacity.at("/withoutTeam/0").has("share")).isFalse();

        // and the CSV a row per service, with its team's figures
        assertThat(reports.objects().get("reports/latest/portfolio-capacity.csv").text()).isEqualTo(
                "team,team_capacity_hours_per_week,team_hours_per_week,team_share,team_flagged,service,hours_per_week,"
                        + "incident_hours_per_week,request_hours_per_week,change_hours_per_week,share,snapshot_as_of,"
                        + "load_window_from,load_window_to,as_of\r\n"
                        + "payments,40,48,1.2,true,Payments,42,36,4,2,1.05," + WHEN + "\r\n"
                        + "payments,40,48,1.2,true,Card Gateway,6,4,2,0,0.15," + WHEN + "\r\n"
                        + "identity,80,44,0.55,true,Access Management,44,10,34,0,0.55," + WHEN + "\r\n"
                        + "messaging,120,6.38,0.0532,false,Email,6.38,5,1.38,0,0.0532," + WHEN + "\r\n"
                        + "idle,50,0,0,false,,,,,,," + WHEN + "\r\n"
                        + ",,,,,VPN,1.4,1.4,0,0,," + WHEN + "\r\n");

        // and the page a section with the flagged teams marked
        String html = reports.objects().get("reports/latest/portfolio.html").text();
        assertThat(html).contains("<h2>Support load against team capacity</h2>",
                "opened from 23 October 2026 to 22 November 2026, 05:00 UTC (30d)",
                "takes 50.0 % of its capacity or more is flagged.",
                "<tr class=\"team flagged\"><th scope=\"row\" class=\"service\">payments</th><td class=\"num\">40.0</td>"
                        + "<td class=\"num\">48.0</td><td class=\"num\">40.0</td><td class=\"num\">6.0</td>"
                        + "<td class=\"num\">2.0</td><td class=\"num attention\">120.0 %, over capacity</td></tr>",
                "<td class=\"num attention\">55.0 %, flagged</td>",
                "<tr class=\"team\"><th scope=\"row\" class=\"service\">messaging</th>",
                "<td class=\"service sub\">VPN</td>", "Services no team owns (no share)", "portfolio-capacity.csv")
                .doesNotContain("Yesterday", "Tomorrow", "older than the report");
        assertThat(html.indexOf(">payments</th>")).isLessThan(html.indexOf(">identity</th>"));
    }

    /** The snapshot columns of the CSV for tonight's snapshot in a report as of {@link #AS_OF}. */
    private static final String WHEN = "2026-11-22T05:00:00Z,2026-10-23T05:00:00Z,2026-11-22T05:00:00Z,2026-11-22T05:30:00Z";

    @Test
    void publish_shouldSaySoPlainly_whenNoSnapshotWasKeptAtOrBeforeAsOf() throws Exception {
        // GIVEN a snapshot of a later night only
        InMemoryDemandRepository demands = new InMemoryDemandRepository();
        demands.saveCapacity(TestSnapshots.snapshot(AS_OF.plusSeconds(1)));
        tickets.store(open("p1", "payments", daysBefore(1)));

        // WHEN
        new PortfolioReportService(tickets, null, null, demands, 0.5, reports, events, 90).publish(AS_OF);

        // THEN
        JsonNode report = json("reports/latest/portfolio.json");
        assertThat(report.has("capacity")).isTrue();
        assertThat(report.get("capacity").isNull()).isTrue();
        assertThat(reports.objects().get("reports/latest/portfolio-capacity.csv").text())
                .isEqualTo(String.join(",", CapacityCsvReportRenderer.HEADER) + "\r\n");
        assertThat(reports.objects().get("reports/latest/portfolio.html").text())
                .contains("<h2>Support load against team capacity</h2>",
                        "No capacity snapshot was kept at or before 22 November 2026, 05:30 UTC");
    }

    @Test
    void publish_shouldWriteByteIdenticalObjects_whenRerunWithTheSameSnapshot() {
        // GIVEN
        InMemoryDemandRepository demands = new InMemoryDemandRepository();
        demands.saveCapacity(TestSnapshots.snapshot(AS_OF.minus(Duration.ofMinutes(30))));
        tickets.store(open("p1", "payments", daysBefore(1)));
        new PortfolioReportService(tickets, null, null, demands, 0.5, reports, events, 90).publish(AS_OF);
        InMemoryReportStore secondStore = new InMemoryReportStore();

        // WHEN
        new PortfolioReportService(tickets, null, null, demands, 0.5, secondStore, new RecordingEventPublisher(), 90)
                .publish(AS_OF);

        // THEN
        reports.objects().forEach((key, object) -> assertThat(secondStore.objects().get(key).body()).as(key)
                .isEqualTo(object.body()));
    }

    private static Instant daysBefore(int days) {
        return AS_OF.minus(Duration.ofDays(days));
    }

    @Test
    void publish_shouldCarryEachMeasuredOutcome_inTheJsonAndTheHtml() throws Exception {
        // GIVEN an outcome kept by the nightly measurement
        io.demandloop.shared.testing.InMemoryOutcomeRepository outcomes = new io.demandloop.shared.testing.InMemoryOutcomeRepository();
        Instant delivered = Instant.parse("2026-07-20T00:00:00Z");
        io.demandloop.shared.outcome.MetricOutcome primary = new io.demandloop.shared.outcome.MetricOutcome(
                io.demandloop.shared.outcome.OutcomeMetric.INCIDENTS, io.demandloop.shared.outcome.Verdict.IMPROVED,
                "Incidents on Payments fell from 2.0 to 0.0 a week: improved.", "exact rate ratio",
                new io.demandloop.shared.outcome.MetricOutcome.WindowFigures(delivered.minus(Duration.ofDays(84)), delivered,
                        84, 24, 2.0, null, null),
                new io.demandloop.shared.outcome.MetricOutcome.WindowFigures(delivered.plus(Duration.ofDays(14)),
                        delivered.plus(Duration.ofDays(98)), 84, 0, 0.0, null, null),
                new io.demandloop.shared.outcome.stats.IntervalEstimate(-1.0, -1.0, -0.84, 1e-7), List.of(), null, null,
                List.of());
        io.demandloop.shared.outcome.Outcome outcome = io.demandloop.shared.outcome.Outcome.builder()
                .initiativeId("jira#PAY-412").title("Move the payment database <fast>").services(List.of("Payments"))
                .category("category:database").expected(new io.demandloop.shared.outcome.ExpectedOutcome(
                        io.demandloop.shared.outcome.OutcomeMetric.INCIDENTS, -0.3, "category:database"))
                .deliveredAt(delivered).measuredAt(AS_OF.minus(Duration.ofMinutes(15))).primary(primary).build();
        outcomes.save(outcome, null, false);

        // WHEN the report is published
        new PortfolioReportService(tickets, null, null, null, 0.5, outcomes, reports, events, 90).publish(AS_OF);

        // THEN the JSON lists it with its verdict, sentence and figures, and the HTML shows it, escaped
        JsonNode listed = json("reports/latest/portfolio.json").get("outcomes");
        assertThat(listed).hasSize(1);
        assertThat(fieldNames(listed.get(0))).containsExactly("initiativeId", "title", "services", "demandIds", "category",
                "metric", "verdict", "sentence", "before", "after", "change", "deliveredAt", "measuredAt");
        assertThat(listed.at("/0/verdict").textValue()).isEqualTo("improved");
        assertThat(listed.at("/0/metric").textValue()).isEqualTo("incidents");
        assertThat(listed.at("/0/before").doubleValue()).isEqualTo(2.0);
        assertThat(listed.at("/0/after").doubleValue()).isEqualTo(0.0);
        assertThat(listed.at("/0/change/upper").doubleValue()).isEqualTo(-0.84);
        assertThat(listed.at("/0/sentence").textValue()).isEqualTo(primary.sentence());
        assertThat(reports.objects().get("reports/latest/portfolio.html").text())
                .contains("Measured outcomes", "Move the payment database &lt;fast&gt;", primary.sentence())
                .doesNotContain("<fast>");
    }

    private JsonNode json(String key) throws Exception {
        return Json.mapper().readTree(reports.objects().get(key).text());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertCounts(JsonNode service, String name, int opened, int open, int resolved, int cancelled) {
        assertThat(service.get("service").textValue()).isEqualTo(name);
        assertThat(service.at("/incidents/opened").intValue()).as(name + " opened").isEqualTo(opened);
        assertThat(service.at("/incidents/open").intValue()).as(name + " open").isEqualTo(open);
        assertThat(service.at("/incidents/resolved").intValue()).as(name + " resolved").isEqualTo(resolved);
        assertThat(service.at("/incidents/cancelled").intValue()).as(name + " cancelled").isEqualTo(cancelled);
    }
}

package io.demandloop.shared.demand;

import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.monitoring.AlertStatus;
import io.demandloop.shared.monitoring.Severity;
import io.demandloop.shared.ticket.ChangeDetails;
import io.demandloop.shared.ticket.ChangeOutcome;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small hand-made inputs for the criterion edges: one 30-day window unless a test says otherwise. */
final class DemandFixtures {

    static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");
    static final String SERVICE = "Email";

    /** Defaults, one 30-day window, Email a medium service of team messaging (100 h/week). */
    static final String CONFIG_YAML = """
            services:
              catalog:
                Email: {tier: medium, team: messaging}
                Payments: {tier: critical, team: messaging}
              teams:
                messaging: {capacityHoursPerWeek: 100}
            demand:
              windows: [P30D]
            """;

    private static int sequence;

    private DemandFixtures() {
    }

    static DemandEvaluator evaluator() {
        return evaluator(CONFIG_YAML);
    }

    static DemandEvaluator evaluator(String yaml) {
        return DemandEvaluator.from(DemandloopConfig.fromYaml(yaml));
    }

    static List<DemandRecord> evaluate(List<Ticket> tickets) {
        return evaluator().evaluate(new DemandInputs(AS_OF, withOrganisation(tickets), List.of(), List.of(), Map.of()));
    }

    /** The service that stands for the rest of the organisation: quiet incidents, each of its own category. */
    static final String ORGANISATION = "Rest of the organisation";

    /**
     * The tickets and the rest of an organisation beside them, so that the baselines (the organisation's SLA miss
     * rate, share of majors, share of a category) are not the fixture's own service: 360 P4 incidents over the 180
     * days before {@link #AS_OF}, two a day, each of its own category, without title, effort or SLA breach. They raise
     * nothing themselves.
     */
    static List<Ticket> withOrganisation(List<Ticket> tickets) {
        List<Ticket> all = new ArrayList<>(tickets);
        for (int i = 0; i < 360; i++) {
            String id = "ORG" + i;
            Instant opened = daysAgo(180 - i / 2.0 - 0.1);
            all.add(Ticket.builder().source("servicenow").sourceId(id).kind(TicketKind.INCIDENT).number(id)
                    .service(ORGANISATION).priority(4).state(TicketState.CLOSED).openedAt(opened)
                    .resolvedAt(opened.plus(Duration.ofHours(1))).closedAt(opened.plus(Duration.ofHours(2)))
                    .effortMinutes(0).category("quiet-" + i).sourceVersion(1).sourceUpdatedAt(opened).build());
        }
        return all;
    }

    /** {@code days} days before {@link #AS_OF}. */
    static Instant daysAgo(double days) {
        return AS_OF.minus(Duration.ofMinutes(Math.round(days * 24 * 60)));
    }

    static Ticket incident(String category, int priority, Instant opened) {
        return incident(SERVICE, category, null, "Incident " + word(), priority, opened, 30);
    }

    static Ticket incident(String service, String category, String ci, String title, int priority, Instant opened,
                           Integer effortMinutes) {
        String id = "INC" + (++sequence);
        return Ticket.builder().source("servicenow").sourceId(id).kind(TicketKind.INCIDENT).number(id).service(service)
                .configurationItem(ci).priority(priority).state(TicketState.CLOSED).openedAt(opened)
                .resolvedAt(opened.plus(Duration.ofHours(2))).closedAt(opened.plus(Duration.ofHours(3)))
                .department("Finance").assignmentGroup("messaging").effortMinutes(effortMinutes).category(category)
                .title(title).sourceVersion(1).sourceUpdatedAt(opened).link("https://itsm.example.com/incident/" + id)
                .build();
    }

    static Ticket request(String category, String department, Instant opened, Duration toFulfil, Integer effortMinutes) {
        String id = "RITM" + (++sequence);
        return Ticket.builder().source("servicenow").sourceId(id).kind(TicketKind.REQUEST).number(id).service(SERVICE)
                .priority(4).state(toFulfil == null ? TicketState.OPEN : TicketState.CLOSED).openedAt(opened)
                .resolvedAt(toFulfil == null ? null : opened.plus(toFulfil)).department(department)
                .assignmentGroup("messaging").effortMinutes(effortMinutes).category(category)
                .title("Request " + category).sourceVersion(1).sourceUpdatedAt(opened).build();
    }

    static Ticket change(Instant opened, ChangeOutcome outcome) {
        String id = "CHG" + (++sequence);
        return Ticket.builder().source("servicenow").sourceId(id).kind(TicketKind.CHANGE).number(id).service(SERVICE)
                .priority(4).state(TicketState.CLOSED).openedAt(opened).closedAt(opened.plus(Duration.ofHours(4)))
                .assignmentGroup("messaging").effortMinutes(60).category("maintenance").title("Change")
                .sourceVersion(1).sourceUpdatedAt(opened)
                .change(new ChangeDetails(outcome, opened, opened.plus(Duration.ofHours(1)))).build();
    }

    static AlertEpisode episode(String service, Instant start, int alerts, boolean flapping) {
        return new AlertEpisode(service, start, start, start.plus(Duration.ofMinutes(20)), AlertStatus.RESOLVED,
                Severity.WARNING, alerts, 0, 1, flapping, List.of(), "alertmanager#fp" + (++sequence), null);
    }

    /** {@code n} incidents of one category, a day apart within the window, each with its own title. */
    static List<Ticket> incidents(int n, String category, int priority) {
        List<Ticket> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(incident(category, priority, daysAgo(1 + i)));
        }
        return list;
    }

    private static String word() {
        // distinct letters-only titles, so that no two incidents share a symptom by accident
        int n = ++sequence;
        StringBuilder word = new StringBuilder();
        do {
            word.append((char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return word.append("zz").toString();
    }
}

package io.demandloop.shared.demand;

import static io.demandloop.shared.demand.DemandFixtures.AS_OF;
import static io.demandloop.shared.demand.DemandFixtures.change;
import static io.demandloop.shared.demand.DemandFixtures.daysAgo;
import static io.demandloop.shared.demand.DemandFixtures.incident;
import static io.demandloop.shared.demand.DemandFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.demand.CapacitySnapshot.Load;
import io.demandloop.shared.demand.CapacitySnapshot.ServiceLoad;
import io.demandloop.shared.demand.CapacitySnapshot.TeamLoad;
import io.demandloop.shared.json.Json;
import io.demandloop.shared.ticket.ChangeOutcome;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The nightly capacity snapshot: the shortest window's support load per team and service, split by kind, against
 * the teams' capacities. Hours are chosen so that per week they come out even: 30 h in 30 days is 7 h/week.
 */
class CapacitySnapshotTest {

    private static final String CONFIG = """
            services:
              catalog:
                Email: {tier: critical, team: messaging}
                Calendar: {team: messaging}
                Payments: {tier: critical, team: payments}
              teams:
                messaging: {capacityHoursPerWeek: 100}
                payments: {capacityHoursPerWeek: 40}
                idle: {capacityHoursPerWeek: 50}
            demand:
              windows: [P90D, P30D]
            """;

    private static List<Ticket> tickets() {
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < 5; i++) { // Email incidents: 30 h -> 7 h/week
            tickets.add(incident("Email", "mailflow", null, "Mail stuck " + i, 3, daysAgo(1 + i), 360));
        }
        for (int i = 0; i < 10; i++) { // Email requests: 60 h -> 14 h/week
            tickets.add(request("mailbox", "Finance", daysAgo(2 + i), Duration.ofHours(2), 360));
        }
        for (int i = 0; i < 3; i++) { // Email changes, 1 h each: 3 h -> 0.7 h/week
            tickets.add(change(daysAgo(3 + i), ChangeOutcome.SUCCESSFUL));
        }
        for (int i = 0; i < 3; i++) { // Calendar: 15 h -> 3.5 h/week
            tickets.add(incident("Calendar", "sync", null, "Sync " + i, 4, daysAgo(4 + i), 300));
        }
        for (int i = 0; i < 9; i++) { // Payments: 90 h -> 21 h/week, over half of 40
            tickets.add(incident("Payments", "card", null, "Card " + i, 2, daysAgo(1 + i), 600));
        }
        for (int i = 0; i < 2; i++) { // VPN, owned by no team: 6 h -> 1.4 h/week
            tickets.add(incident("VPN", "tunnel", null, "Tunnel " + i, 3, daysAgo(5 + i), 180));
        }
        // outside the 30-day window (inside the 90-day one): not counted
        tickets.add(incident("Email", "mailflow", null, "Old", 3, daysAgo(40), 6000));
        tickets.add(incident("Ghost", "old", null, "Old ghost", 3, daysAgo(45), 600));
        // a problem is investigation, not support load
        Instant opened = daysAgo(2);
        tickets.add(Ticket.builder().source("servicenow").sourceId("PRB1").kind(TicketKind.PROBLEM).number("PRB1")
                .service("Email").priority(3).state(TicketState.OPEN).openedAt(opened).assignmentGroup("messaging")
                .effortMinutes(6000).category("mailflow").title("Root cause").sourceVersion(1).sourceUpdatedAt(opened)
                .build());
        return tickets;
    }

    private static CapacitySnapshot snapshot(List<Ticket> tickets) {
        return DemandFixtures.evaluator(CONFIG).capacity(new DemandInputs(AS_OF, tickets, List.of(), List.of(), Map.of()));
    }

    @Test
    void capacity_shouldGiveEachTeamsLoadByKindAndShare_overTheShortestWindow_highestShareFirst() {
        // WHEN
        CapacitySnapshot snapshot = snapshot(tickets());

        // THEN the window is the shortest configured one, ending at asOf
        assertThat(snapshot.asOf()).isEqualTo(AS_OF);
        assertThat(snapshot.window()).isEqualTo("30d");
        assertThat(snapshot.windowStart()).isEqualTo(AS_OF.minus(Duration.ofDays(30)));
        // every configured team, highest share first; an idle team too
        assertThat(snapshot.teams()).extracting(TeamLoad::team).containsExactly("payments", "messaging", "idle");
        TeamLoad payments = snapshot.teams().get(0);
        assertThat(payments.capacityHoursPerWeek()).isEqualTo(40.0);
        assertThat(payments.hoursPerWeek()).isEqualTo(new Load(21, 21, 0, 0));
        assertThat(payments.share()).isEqualTo(0.525);
        TeamLoad messaging = snapshot.teams().get(1);
        assertThat(messaging.hoursPerWeek()).isEqualTo(new Load(25.2, 10.5, 14, 0.7));
        assertThat(messaging.share()).isEqualTo(0.252);
        assertThat(messaging.services()).containsExactly(
                new ServiceLoad("Email", new Load(21.7, 7, 14, 0.7), 0.217),
                new ServiceLoad("Calendar", new Load(3.5, 3.5, 0, 0), 0.035));
        TeamLoad idle = snapshot.teams().get(2);
        assertThat(idle.hoursPerWeek()).isEqualTo(Load.NONE);
        assertThat(idle.share()).isZero();
        assertThat(idle.services()).isEmpty();
        // a service no team owns is listed with its load and no share; one without load in the window is not
        assertThat(snapshot.withoutTeam()).containsExactly(new ServiceLoad("VPN", new Load(1.4, 1.4, 0, 0), null));
        assertThat(snapshot.serviceCount()).isEqualTo(4);
    }

    @Test
    void capacity_shouldCiteTheSameShareAsTheFacts_thatExplanationsUse() {
        // GIVEN
        DemandInputs inputs = new DemandInputs(AS_OF, tickets(), List.of(), List.of(), Map.of());
        DemandEvaluator evaluator = DemandFixtures.evaluator(CONFIG);

        // WHEN
        CapacitySnapshot snapshot = evaluator.capacity(inputs);
        ServiceFacts email = evaluator.calculator().compute(inputs, Window.ending(AS_OF, Duration.ofDays(30))).get("Email");

        // THEN
        assertThat(snapshot.team("messaging").orElseThrow().services().get(0).share())
                .isEqualTo(Math.round(email.capacity().serviceShareOfCapacity() * 10_000) / 10_000.0);
        assertThat(email.capacity().incidentHoursPerWeek() + email.capacity().requestHoursPerWeek()
                + email.capacity().changeHoursPerWeek()).isCloseTo(email.capacity().serviceSupportHoursPerWeek(),
                org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void capacity_shouldBeEqual_whatEverTheInputOrder_andRoundTripThroughJson() throws Exception {
        // GIVEN
        List<Ticket> shuffled = new ArrayList<>(tickets());
        Collections.reverse(shuffled);

        // WHEN
        CapacitySnapshot snapshot = snapshot(tickets());
        String json = Json.mapper().writeValueAsString(snapshot);

        // THEN
        assertThat(snapshot(shuffled)).isEqualTo(snapshot);
        assertThat(Json.mapper().readValue(json, CapacitySnapshot.class)).isEqualTo(snapshot);
        assertThat(json).startsWith("{\"asOf\":\"2026-06-01T00:00:00Z\",\"window\":\"30d\",")
                .contains("{\"service\":\"VPN\",\"hoursPerWeek\":{\"total\":1.4,\"incidents\":1.4,\"requests\":0.0,"
                        + "\"changes\":0.0}}");
    }

    /** The fixture's tickets, each in the assignment group its service or kind gives here (VPN: none). */
    private static List<Ticket> inAssignmentGroups() {
        List<Ticket> tickets = new ArrayList<>();
        for (Ticket t : tickets()) {
            String group = t.kind() == TicketKind.CHANGE ? "messaging"
                    : t.kind() == TicketKind.REQUEST ? "service-desk"
                    : switch (t.service()) {
                        case "Email", "Calendar" -> "mail-ops";
                        case "Payments" -> "payments";
                        default -> null;
                    };
            tickets.add(t.toBuilder().assignmentGroup(group).build());
        }
        return tickets;
    }

    @Test
    void capacity_shouldGroupByAssignmentGroup_whenNoServiceIsInTheCatalog() {
        // GIVEN a catalog of other services (as the packaged demo catalog is to an imported log), with teams
        // messaging (100 h/week), payments (40) and idle (50)
        String config = """
                services:
                  catalog:
                    Demo Service: {team: idle}
                  teams:
                    messaging: {capacityHoursPerWeek: 100}
                    payments: {capacityHoursPerWeek: 40}
                    idle: {capacityHoursPerWeek: 50}
                demand:
                  windows: [P30D]
                """;

        // WHEN
        CapacitySnapshot snapshot = DemandFixtures.evaluator(config)
                .capacity(new DemandInputs(AS_OF, inAssignmentGroups(), List.of(), List.of(), Map.of()));

        // THEN the teams are the tickets' assignment groups, those with a team's capacity first by share, then the
        // others by hours; the idle catalog team is not listed with zeros; a ticket without a group, under its service
        assertThat(snapshot.teamsFrom()).isEqualTo(CapacitySnapshot.FROM_ASSIGNMENT_GROUP);
        assertThat(snapshot.teams()).extracting(TeamLoad::team)
                .containsExactly("payments", "messaging", "service-desk", "mail-ops");
        TeamLoad payments = snapshot.team("payments").orElseThrow();
        assertThat(payments.capacityHoursPerWeek()).isEqualTo(40.0);
        assertThat(payments.hoursPerWeek()).isEqualTo(new Load(21, 21, 0, 0));
        assertThat(payments.share()).isEqualTo(0.525);
        assertThat(snapshot.team("messaging").orElseThrow().hoursPerWeek()).isEqualTo(new Load(0.7, 0, 0, 0.7));
        TeamLoad mailOps = snapshot.team("mail-ops").orElseThrow();
        assertThat(mailOps.capacityHoursPerWeek()).isNull();
        assertThat(mailOps.share()).isNull();
        assertThat(mailOps.hoursPerWeek()).isEqualTo(new Load(10.5, 10.5, 0, 0));
        assertThat(mailOps.services()).containsExactly(
                new ServiceLoad("Email", new Load(7, 7, 0, 0), null),
                new ServiceLoad("Calendar", new Load(3.5, 3.5, 0, 0), null));
        assertThat(snapshot.team("service-desk").orElseThrow().services())
                .containsExactly(new ServiceLoad("Email", new Load(14, 0, 14, 0), null));
        assertThat(snapshot.withoutTeam()).containsExactly(new ServiceLoad("VPN", new Load(1.4, 1.4, 0, 0), null));
    }

    @Test
    void capacity_shouldKeepTheCatalogsTeams_whenAServiceWithLoadIsInTheCatalog() {
        CapacitySnapshot snapshot = snapshot(inAssignmentGroups());

        assertThat(snapshot.teamsFrom()).isEqualTo(CapacitySnapshot.FROM_CATALOG);
        assertThat(snapshot.teams()).extracting(TeamLoad::team).containsExactlyInAnyOrder("messaging", "payments", "idle");
    }

    @Test
    void capacity_shouldGroupByAssignmentGroup_whenTheCatalogIsEmpty() {
        // WHEN the packaged configuration's defaults (no catalog, no teams)
        CapacitySnapshot snapshot = DemandFixtures.evaluator("demand: {windows: [P30D]}")
                .capacity(new DemandInputs(AS_OF, inAssignmentGroups(), List.of(), List.of(), Map.of()));

        // THEN every group is a team without a capacity, most hours first
        assertThat(snapshot.teams()).extracting(TeamLoad::team)
                .containsExactly("payments", "service-desk", "mail-ops", "messaging");
        assertThat(snapshot.teams()).allSatisfy(t -> assertThat(t.share()).isNull());
        assertThat(snapshot.withoutTeam()).extracting(ServiceLoad::service).containsExactly("VPN");
    }

    @Test
    void capacity_shouldListServicesWithoutTeam_whenTheCatalogIsEmptyAndNoTicketHasAnAssignmentGroup() {
        // WHEN the packaged configuration (no catalog, no teams) and tickets without assignment group
        List<Ticket> ungrouped = inAssignmentGroups().stream()
                .map(t -> t.toBuilder().assignmentGroup(null).build()).toList();
        CapacitySnapshot snapshot = DemandFixtures.evaluator("demand: {windows: [P30D]}")
                .capacity(new DemandInputs(AS_OF, ungrouped, List.of(), List.of(), Map.of()));

        // THEN
        assertThat(snapshot.teams()).isEmpty();
        assertThat(snapshot.withoutTeam()).extracting(ServiceLoad::service)
                .containsExactly("Email", "Payments", "Calendar", "VPN");
        assertThat(snapshot.withoutTeam()).allSatisfy(s -> assertThat(s.share()).isNull());
    }
}

package io.demandloop.functions.portfolioreport.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.demandloop.shared.demand.CapacitySnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Support load against team capacity (docs/demand.md#catalog-and-capacity), as the nightly demand evaluation kept it
 * in its capacity snapshot: per team, the hours per week its services' incidents, requests and changes took in the
 * snapshot's window, against its configured capacity. Flagged teams come first.
 *
 * @param asOf        the snapshot's instant (at or before the report's)
 * @param window      the window the load was measured over
 * @param flagShare   the share of capacity at or above which a team is flagged ({@code SUPPORT_LOAD_FLAG_SHARE})
 * @param teams       every team, flagged first, then highest share first (the snapshot's order within each)
 * @param withoutTeam services no team owns, with their load and no share, most hours first
 */
@JsonPropertyOrder({"asOf", "window", "flagShare", "teams", "withoutTeam"})
public record SupportLoad(Instant asOf, LoadWindow window, double flagShare, List<TeamSupport> teams,
                          List<CapacitySnapshot.ServiceLoad> withoutTeam) {
    public SupportLoad {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(window, "window");
        teams = List.copyOf(teams);
        withoutTeam = List.copyOf(withoutTeam);
    }

    /** The report's view of a snapshot: its teams flagged at {@code flagShare}, flagged first. */
    public static SupportLoad of(CapacitySnapshot snapshot, double flagShare) {
        List<TeamSupport> flagged = new ArrayList<>();
        List<TeamSupport> others = new ArrayList<>();
        for (CapacitySnapshot.TeamLoad team : snapshot.teams()) {
            boolean isFlagged = team.atLeast(flagShare);
            TeamSupport line = new TeamSupport(Anchors.team(team.team()), team.team(), team.capacityHoursPerWeek(),
                    team.hoursPerWeek(), team.share(), isFlagged, team.services());
            (isFlagged ? flagged : others).add(line);
        }
        flagged.addAll(others);
        return new SupportLoad(snapshot.asOf(), new LoadWindow(snapshot.window(), snapshot.windowStart(), snapshot.asOf()),
                flagShare, flagged, snapshot.withoutTeam());
    }

    /** How many teams are flagged. */
    public int flaggedTeams() {
        return (int) teams.stream().filter(TeamSupport::flagged).count();
    }

    /**
     * The window a snapshot's load was measured over, {@code [from, to)}.
     *
     * @param name e.g. {@code 30d}: the shortest of the evaluation's windows
     * @param from its start, included
     * @param to   its end, excluded: the snapshot's instant
     */
    @JsonPropertyOrder({"name", "from", "to"})
    public record LoadWindow(String name, Instant from, Instant to) {
        public LoadWindow {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /**
     * One team's support load.
     *
     * @param anchor               {@link Anchors#team(String)}
     * @param team                 the team
     * @param capacityHoursPerWeek its configured capacity; null for a team from an assignment group
     * @param hoursPerWeek         its services' support load, in total and by kind
     * @param share                {@code hoursPerWeek.total / capacityHoursPerWeek}; null without a capacity
     * @param flagged              {@code share >= flagShare}
     * @param services             its services, highest share first
     */
    @JsonPropertyOrder({"anchor", "team", "capacityHoursPerWeek", "hoursPerWeek", "share", "flagged", "services"})
    public record TeamSupport(String anchor, String team, Double capacityHoursPerWeek, CapacitySnapshot.Load hoursPerWeek,
                              Double share, boolean flagged, List<CapacitySnapshot.ServiceLoad> services) {
        public TeamSupport {
            Objects.requireNonNull(anchor, "anchor");
            Objects.requireNonNull(team, "team");
            Objects.requireNonNull(hoursPerWeek, "hoursPerWeek");
            services = List.copyOf(services);
        }
    }
}

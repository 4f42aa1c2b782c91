package io.demandloop.shared.demand;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One night's support load against team capacity (docs/demand.md#catalog-and-capacity): per team of the catalog,
 * its capacity, the hours per week its services' unplanned work took in the window and the share of the capacity
 * that is; per service, the same against its team's capacity. Built by {@link DemandEvaluator#capacity} from the
 * {@link ServiceFacts.Capacity} of the shortest configured window, so it holds the numbers the demand explanations
 * cite. Hours are rounded to two decimals and shares to four (half up); lists are in a fixed order, so the same
 * night gives an equal snapshot.
 *
 * @param asOf        the evaluation instant; the window ends here (exclusive)
 * @param window      the window's name, e.g. {@code 30d}: the shortest of {@code demand.windows}
 * @param windowStart the window's start (inclusive)
 * @param teams       every team of {@code services.teams}, highest share first (then by name), each with its
 *                    services
 * @param withoutTeam the services no team owns that had support load in the window, most hours first (then by
 *                    name); they have no share
 */
@JsonPropertyOrder({"asOf", "window", "windowStart", "teams", "withoutTeam"})
public record CapacitySnapshot(Instant asOf, String window, Instant windowStart, List<TeamLoad> teams,
                               List<ServiceLoad> withoutTeam) {

    public CapacitySnapshot {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(windowStart, "windowStart");
        teams = List.copyOf(teams);
        withoutTeam = List.copyOf(withoutTeam);
    }

    /**
     * Hours per week of unplanned work opened in the window (recorded effort, else the configured defaults).
     *
     * @param total     incidents, requests and changes together
     * @param incidents on incidents
     * @param requests  on requests
     * @param changes   on changes
     */
    @JsonPropertyOrder({"total", "incidents", "requests", "changes"})
    public record Load(double total, double incidents, double requests, double changes) {

        /** No load. */
        public static final Load NONE = new Load(0, 0, 0, 0);

        Load plus(Load other) {
            return new Load(total + other.total, incidents + other.incidents, requests + other.requests,
                    changes + other.changes);
        }

        Load rounded() {
            return new Load(round(total, 2), round(incidents, 2), round(requests, 2), round(changes, 2));
        }
    }

    /**
     * One team.
     *
     * @param team                 the team's key under {@code services.teams}
     * @param capacityHoursPerWeek its configured capacity
     * @param hoursPerWeek         the support load of all its services
     * @param share                {@code hoursPerWeek.total / capacityHoursPerWeek} (1 is the whole capacity)
     * @param services             its services, highest share first (then by name)
     */
    @JsonPropertyOrder({"team", "capacityHoursPerWeek", "hoursPerWeek", "share", "services"})
    public record TeamLoad(String team, double capacityHoursPerWeek, Load hoursPerWeek, double share,
                           List<ServiceLoad> services) {
        public TeamLoad {
            Objects.requireNonNull(team, "team");
            Objects.requireNonNull(hoursPerWeek, "hoursPerWeek");
            services = List.copyOf(services);
        }
    }

    /**
     * One service (its team is the one that lists it).
     *
     * @param service      the service
     * @param hoursPerWeek its support load
     * @param share        {@code hoursPerWeek.total} over its team's capacity; null without a team
     */
    @JsonPropertyOrder({"service", "hoursPerWeek", "share"})
    public record ServiceLoad(String service, Load hoursPerWeek, Double share) {
        public ServiceLoad {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(hoursPerWeek, "hoursPerWeek");
        }
    }

    /** Most hours first, then by name: the order of services in a team and of those without one. */
    static final Comparator<ServiceLoad> SERVICE_ORDER = Comparator
            .comparingDouble((ServiceLoad s) -> s.hoursPerWeek().total()).reversed()
            .thenComparing(ServiceLoad::service);

    /** Highest share first, then by name. */
    static final Comparator<TeamLoad> TEAM_ORDER = Comparator
            .comparingDouble(TeamLoad::share).reversed()
            .thenComparing(TeamLoad::team);

    /**
     * The snapshot of one window's facts.
     *
     * @param window  the window the facts were computed over
     * @param facts   every service's facts in that window
     * @param catalog the catalog, for the teams and their capacities
     */
    static CapacitySnapshot of(Window window, Collection<ServiceFacts> facts, ServiceCatalog catalog) {
        Map<String, List<ServiceLoad>> byTeam = new TreeMap<>();
        Map<String, Load> teamLoad = new TreeMap<>();
        for (String team : catalog.teams().keySet()) {
            byTeam.put(team, new ArrayList<>());
            teamLoad.put(team, Load.NONE);
        }
        List<ServiceLoad> withoutTeam = new ArrayList<>();
        for (ServiceFacts f : facts) {
            ServiceFacts.Capacity c = f.capacity();
            Load load = new Load(c.serviceSupportHoursPerWeek(), c.incidentHoursPerWeek(), c.requestHoursPerWeek(),
                    c.changeHoursPerWeek());
            if (c.team() == null || c.teamCapacityHoursPerWeek() == null) {
                if (load.total() > 0) {
                    withoutTeam.add(new ServiceLoad(f.service(), load.rounded(), null));
                }
                continue;
            }
            byTeam.computeIfAbsent(c.team(), t -> new ArrayList<>()).add(new ServiceLoad(f.service(), load.rounded(),
                    round(c.serviceShareOfCapacity(), 4)));
            teamLoad.merge(c.team(), load, Load::plus);
        }
        List<TeamLoad> teams = new ArrayList<>();
        for (Map.Entry<String, List<ServiceLoad>> team : byTeam.entrySet()) {
            double capacity = catalog.capacityHoursPerWeek(team.getKey()).orElseThrow();
            Load load = teamLoad.getOrDefault(team.getKey(), Load.NONE);
            List<ServiceLoad> services = new ArrayList<>(team.getValue());
            services.sort(SERVICE_ORDER);
            teams.add(new TeamLoad(team.getKey(), capacity, load.rounded(), round(load.total() / capacity, 4), services));
        }
        teams.sort(TEAM_ORDER);
        withoutTeam.sort(SERVICE_ORDER);
        return new CapacitySnapshot(window.end(), window.name(), window.start(), teams, withoutTeam);
    }

    /** The team with this key, if the snapshot has it. */
    public java.util.Optional<TeamLoad> team(String team) {
        return teams.stream().filter(t -> t.team().equals(team)).findFirst();
    }

    /** How many services the snapshot lists, with a team or without. */
    public int serviceCount() {
        return withoutTeam.size() + teams.stream().mapToInt(t -> t.services().size()).sum();
    }

    private static double round(double value, int decimals) {
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
        return rounded.signum() == 0 ? 0 : rounded.doubleValue();
    }
}

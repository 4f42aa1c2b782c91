package io.demandloop.shared.demand;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.demandloop.shared.ticket.Ticket;
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
 *                    services; or, when no service with load is in the catalog, the tickets' assignment groups
 * @param withoutTeam the services no team owns that had support load in the window, most hours first (then by
 *                    name); they have no share
 * @param teamsFrom   where the teams come from: {@value #FROM_CATALOG} ({@code services.catalog} and
 *                    {@code services.teams}) or {@value #FROM_ASSIGNMENT_GROUP} (no service with load is in the
 *                    catalog, as on an imported log: each ticket's assignment group is its team, with the capacity
 *                    {@code services.teams} gives a team of that name, else none and no share)
 */
@JsonPropertyOrder({"asOf", "window", "windowStart", "teamsFrom", "teams", "withoutTeam"})
public record CapacitySnapshot(Instant asOf, String window, Instant windowStart, List<TeamLoad> teams,
                               List<ServiceLoad> withoutTeam, String teamsFrom) {

    /** Teams from the catalog. */
    public static final String FROM_CATALOG = "catalog";
    /** Teams from the tickets' assignment groups. */
    public static final String FROM_ASSIGNMENT_GROUP = "assignment-group";

    public CapacitySnapshot {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(windowStart, "windowStart");
        teams = List.copyOf(teams);
        withoutTeam = List.copyOf(withoutTeam);
        teamsFrom = teamsFrom == null ? FROM_CATALOG : teamsFrom;
    }

    /** A snapshot whose teams come from the catalog. */
    public CapacitySnapshot(Instant asOf, String window, Instant windowStart, List<TeamLoad> teams,
                            List<ServiceLoad> withoutTeam) {
        this(asOf, window, windowStart, teams, withoutTeam, FROM_CATALOG);
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
     * @param team                 the team's key under {@code services.teams}, or an assignment group
     * @param capacityHoursPerWeek its configured capacity; null for an assignment group no team of that name has
     * @param hoursPerWeek         the support load of all its services
     * @param share                {@code hoursPerWeek.total / capacityHoursPerWeek} (1 is the whole capacity); null
     *                             without a capacity
     * @param services             its services, highest share first (then by name)
     */
    @JsonPropertyOrder({"team", "capacityHoursPerWeek", "hoursPerWeek", "share", "services"})
    public record TeamLoad(String team, Double capacityHoursPerWeek, Load hoursPerWeek, Double share,
                           List<ServiceLoad> services) {
        public TeamLoad {
            Objects.requireNonNull(team, "team");
            Objects.requireNonNull(hoursPerWeek, "hoursPerWeek");
            services = List.copyOf(services);
        }

        /** A team with a capacity. */
        public TeamLoad(String team, double capacityHoursPerWeek, Load hoursPerWeek, double share,
                        List<ServiceLoad> services) {
            this(team, Double.valueOf(capacityHoursPerWeek), hoursPerWeek, Double.valueOf(share), services);
        }

        /** Whether its load is at or above {@code share} of its capacity (never, without a capacity). */
        public boolean atLeast(double share) {
            return this.share != null && this.share >= share;
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

    /** Highest share first (teams without a capacity after those with one, most hours first), then by name. */
    static final Comparator<TeamLoad> TEAM_ORDER = Comparator
            .comparing(TeamLoad::share, Comparator.nullsLast(Comparator.<Double>reverseOrder()))
            .thenComparing(t -> -t.hoursPerWeek().total())
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

    /**
     * The snapshot of one window by the tickets' assignment groups, for an organisation none of whose services is in
     * the catalog (an imported log): each ticket's hours count for its assignment group, under its service; a
     * ticket without an assignment group counts for its service under {@code withoutTeam}. A group has the capacity
     * of the team of the same name in {@code services.teams}, if any.
     *
     * @param window  the window
     * @param tickets the newest version of each ticket (any window: those opened outside it are left out)
     * @param hours   the hours a ticket counts (recorded, else the defaults)
     * @param catalog the catalog, for capacities of teams named like a group
     */
    static CapacitySnapshot byAssignmentGroup(Window window, Collection<Ticket> tickets,
                                              java.util.function.ToDoubleFunction<Ticket> hours, ServiceCatalog catalog) {
        Map<String, Map<String, double[]>> byGroup = new TreeMap<>();
        Map<String, double[]> withoutGroup = new TreeMap<>();
        for (Ticket t : tickets) {
            int kind = switch (t.kind()) {
                case INCIDENT -> 0;
                case REQUEST -> 1;
                case CHANGE -> 2;
                default -> -1; // problems are investigation, not support load
            };
            if (kind < 0 || !window.contains(t.openedAt()) || Ticket.UNKNOWN_SERVICE.equals(t.service())) {
                continue;
            }
            String group = t.assignmentGroup() == null || t.assignmentGroup().isBlank() ? null : t.assignmentGroup();
            Map<String, double[]> services = group == null ? withoutGroup
                    : byGroup.computeIfAbsent(group, g -> new TreeMap<>());
            services.computeIfAbsent(t.service(), s -> new double[3])[kind] += hours.applyAsDouble(t) / window.weeks();
        }
        List<TeamLoad> teams = new ArrayList<>();
        for (Map.Entry<String, Map<String, double[]>> group : byGroup.entrySet()) {
            Double capacity = catalog.capacityHoursPerWeek(group.getKey()).orElse(null);
            Load total = Load.NONE;
            List<ServiceLoad> services = new ArrayList<>();
            for (Map.Entry<String, double[]> service : group.getValue().entrySet()) {
                Load load = load(service.getValue());
                total = total.plus(load);
                services.add(new ServiceLoad(service.getKey(), load.rounded(),
                        capacity == null ? null : round(load.total() / capacity, 4)));
            }
            services.sort(SERVICE_ORDER);
            teams.add(new TeamLoad(group.getKey(), capacity, total.rounded(),
                    capacity == null ? null : round(total.total() / capacity, 4), services));
        }
        teams.sort(TEAM_ORDER);
        List<ServiceLoad> withoutTeam = new ArrayList<>();
        withoutGroup.forEach((service, h) -> withoutTeam.add(new ServiceLoad(service, load(h).rounded(), null)));
        withoutTeam.sort(SERVICE_ORDER);
        return new CapacitySnapshot(window.end(), window.name(), window.start(), teams, withoutTeam,
                FROM_ASSIGNMENT_GROUP);
    }

    private static Load load(double[] hours) {
        return new Load(hours[0] + hours[1] + hours[2], hours[0], hours[1], hours[2]);
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

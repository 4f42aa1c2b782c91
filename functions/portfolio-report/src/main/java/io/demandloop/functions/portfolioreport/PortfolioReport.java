package io.demandloop.functions.portfolioreport;

import io.demandloop.shared.outcome.MetricOutcome;
import io.demandloop.shared.outcome.Outcome;
import io.demandloop.shared.outcome.OutcomeMetric;
import io.demandloop.shared.outcome.Verdict;
import io.demandloop.shared.outcome.stats.IntervalEstimate;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.demandloop.shared.demand.CapacitySnapshot;
import io.demandloop.shared.sla.SlaMetric;
import io.demandloop.shared.sla.SlaOutcome;
import io.demandloop.shared.sla.SlaState;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The portfolio report: incidents opened in the window, counted per service as of one instant. This is the
 * JSON document written as {@code portfolio.json} (schema in {@code docs/reports.md}); the HTML and CSV
 * renderings show the same numbers.
 *
 * <p>Every incident opened in the window is in exactly one of {@code open}, {@code resolved} and
 * {@code cancelled}, so {@code opened = open + resolved + cancelled}.
 *
 * @param schemaVersion {@value #SCHEMA_VERSION}; raised only when a field changes meaning or disappears
 * @param asOf          the instant the report describes
 * @param window        the window incidents were opened in
 * @param services      one entry per service with at least one incident opened in the window, sorted by
 *                      open desc, then opened desc, then service name
 * @param totals        the sums over all services
 * @param sla           SLA compliance of the incidents opened in the window, per service, priority and metric,
 *                      sorted by service, priority, metric; empty when none has SLA state
 * @param capacity      support load against team capacity, from the newest capacity snapshot at or before
 *                      {@code asOf}; null (written as {@code null}) when none was kept
 * @param outcomes      the measured outcome of each initiative the nightly measurement keeps, by initiative id; empty
 *                      when none was measured
 */
@JsonPropertyOrder({"schemaVersion", "asOf", "window", "services", "totals", "sla", "capacity", "outcomes"})
public record PortfolioReport(int schemaVersion, Instant asOf, Window window, List<ServiceSummary> services, Totals totals,
                              List<SlaCompliance> sla, @JsonInclude(JsonInclude.Include.ALWAYS) SupportLoad capacity,
                              List<OutcomeSummary> outcomes) {

    /** The version of the JSON schema this code writes. */
    public static final int SCHEMA_VERSION = 1;

    /** Open first: that is what a portfolio manager acts on. The name last makes the order total. */
    static final Comparator<ServiceSummary> ORDER = Comparator
            .comparingInt((ServiceSummary s) -> s.incidents().open()).reversed()
            .thenComparing(Comparator.comparingInt((ServiceSummary s) -> s.incidents().opened()).reversed())
            .thenComparing(ServiceSummary::service);

    public PortfolioReport {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(window, "window");
        services = List.copyOf(services);
        Objects.requireNonNull(totals, "totals");
        sla = sla == null ? List.of() : List.copyOf(sla);
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }

    /** The same report with the measured outcomes. */
    public PortfolioReport withOutcomes(List<OutcomeSummary> measured) {
        return new PortfolioReport(schemaVersion, asOf, window, services, totals, sla, capacity, measured);
    }

    /**
     * One initiative's measured outcome (docs/outcomes.md): its verdict and sentence, and the primary metric's rates.
     *
     * @param initiativeId the initiative's id
     * @param title        its title
     * @param services     the targeted services
     * @param demandIds    the demands it answers
     * @param category     the pattern scoping the metric; null for the whole services
     * @param metric       the metric that decides the verdict
     * @param verdict      {@code improved}, {@code worse}, {@code no-clear-change}, {@code inconclusive}, {@code too-early}
     * @param sentence     the sentence a stakeholder reads
     * @param before       the baseline's rate per week (for a duration metric, the median hours); null when unknown
     * @param after        the after window's; null while too early
     * @param change       the relative change with its 95 % interval; null while too early
     * @param deliveredAt  when it was delivered
     * @param measuredAt   the night it was measured
     */
    @JsonPropertyOrder({"initiativeId", "title", "services", "demandIds", "category", "metric", "verdict", "sentence",
            "before", "after", "change", "deliveredAt", "measuredAt"})
    public record OutcomeSummary(String initiativeId, String title, List<String> services, List<String> demandIds,
                                 String category, OutcomeMetric metric, Verdict verdict, String sentence, Double before,
                                 Double after, IntervalEstimate change, Instant deliveredAt, Instant measuredAt) {

        /** The summary of a kept outcome. */
        public static OutcomeSummary of(Outcome outcome) {
            MetricOutcome primary = outcome.primary();
            return new OutcomeSummary(outcome.initiativeId(), outcome.title(), outcome.services(), outcome.demandIds(),
                    outcome.category(), primary.metric(), primary.verdict(), primary.sentence(),
                    figure(primary.before()), figure(primary.after()), primary.change(), outcome.deliveredAt(),
                    outcome.measuredAt());
        }

        private static Double figure(MetricOutcome.WindowFigures figures) {
            if (figures == null) {
                return null;
            }
            return figures.median() != null ? figures.median().estimate() : Double.valueOf(figures.ratePerWeek());
        }
    }

    /**
     * SLA compliance of one service, priority and metric, as of the report's instant: how many of the incidents
     * opened in the window met the target, breached it (at any time, resolved since or not), or are still within it.
     * Cancelled clocks and incidents no policy covers are not counted.
     *
     * @param service    the service
     * @param priority   the incidents' priority (their current one; a change re-targets the whole clock)
     * @param metric     {@code response} or {@code resolution}
     * @param met        stopped before the target
     * @param breached   reached the target
     * @param inProgress running or paused, target not reached yet
     */
    @JsonPropertyOrder({"service", "priority", "metric", "met", "breached", "inProgress"})
    public record SlaCompliance(String service, int priority, String metric, int met, int breached, int inProgress) {
        public SlaCompliance {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(metric, "metric");
        }
    }

    /**
     * Support load against team capacity (docs/demand.md#catalog-and-capacity), as the nightly demand evaluation kept
     * it in its capacity snapshot: per team, the hours per week its services' incidents, requests and changes took
     * in the snapshot's window, against its configured capacity.
     *
     * @param asOf        the snapshot's instant (at or before the report's)
     * @param window      the window the load was measured over
     * @param flagShare   the share of capacity at or above which a team is flagged ({@code SUPPORT_LOAD_FLAG_SHARE})
     * @param teams       every configured team, highest share first
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

        /** The report's view of a snapshot: its teams flagged at {@code flagShare}. */
        static SupportLoad of(CapacitySnapshot snapshot, double flagShare) {
            List<TeamSupport> teams = new ArrayList<>();
            for (CapacitySnapshot.TeamLoad team : snapshot.teams()) {
                teams.add(new TeamSupport(team.team(), team.capacityHoursPerWeek(), team.hoursPerWeek(), team.share(),
                        team.atLeast(flagShare), team.services()));
            }
            return new SupportLoad(snapshot.asOf(), new LoadWindow(snapshot.window(), snapshot.windowStart(), snapshot.asOf()),
                    flagShare, teams, snapshot.withoutTeam());
        }

        /** How many teams are flagged. */
        int flaggedTeams() {
            return (int) teams.stream().filter(TeamSupport::flagged).count();
        }
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
     * @param team                 the team
     * @param capacityHoursPerWeek its configured capacity
     * @param hoursPerWeek         its services' support load, in total and by kind
     * @param share                {@code hoursPerWeek.total / capacityHoursPerWeek}
     * @param flagged              {@code share >= flagShare}
     * @param services             its services, highest share first
     */
    @JsonPropertyOrder({"team", "capacityHoursPerWeek", "hoursPerWeek", "share", "flagged", "services"})
    public record TeamSupport(String team, Double capacityHoursPerWeek, CapacitySnapshot.Load hoursPerWeek, Double share,
                              boolean flagged, List<CapacitySnapshot.ServiceLoad> services) {
        public TeamSupport {
            Objects.requireNonNull(team, "team");
            Objects.requireNonNull(hoursPerWeek, "hoursPerWeek");
            services = List.copyOf(services);
        }
    }

    /**
     * The window {@code [from, to]}, both inclusive.
     *
     * @param from {@code to} minus {@code days} days
     * @param to   the report's as-of instant
     * @param days the window's length in days
     */
    @JsonPropertyOrder({"from", "to", "days"})
    public record Window(Instant from, Instant to, int days) {
        public Window {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        /** The window of {@code days} days ending at {@code asOf}. */
        public static Window endingAt(Instant asOf, int days) {
            if (days < 1) {
                throw new IllegalArgumentException("days must be at least 1, was " + days);
            }
            return new Window(asOf.minus(Duration.ofDays(days)), asOf, days);
        }

        /** Whether {@code instant} lies in the window, bounds included. */
        public boolean contains(Instant instant) {
            return !instant.isBefore(from) && !instant.isAfter(to);
        }
    }

    /**
     * Incident counts of one service, or of all of them.
     *
     * @param opened    incidents opened in the window
     * @param open      of those, not resolved, closed or cancelled as of the as-of instant
     * @param resolved  of those, resolved or closed by the as-of instant
     * @param cancelled of those, cancelled by the as-of instant
     */
    @JsonPropertyOrder({"opened", "open", "resolved", "cancelled"})
    public record IncidentCounts(int opened, int open, int resolved, int cancelled) {
        static final IncidentCounts ZERO = new IncidentCounts(0, 0, 0, 0);

        IncidentCounts plus(IncidentCounts other) {
            return new IncidentCounts(opened + other.opened, open + other.open,
                    resolved + other.resolved, cancelled + other.cancelled);
        }
    }

    /** One service's line. */
    @JsonPropertyOrder({"service", "incidents"})
    public record ServiceSummary(String service, IncidentCounts incidents) {
        public ServiceSummary {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(incidents, "incidents");
        }
    }

    /**
     * Sums over all services.
     *
     * @param services  how many services had at least one incident opened in the window
     * @param incidents the incident counts summed over every service
     */
    @JsonPropertyOrder({"services", "incidents"})
    public record Totals(int services, IncidentCounts incidents) {
        public Totals {
            Objects.requireNonNull(incidents, "incidents");
        }
    }

    /**
     * Builds the report from the tickets the repository returned for the window. Tickets of another kind or
     * opened outside the window are ignored, so the result does not depend on how exactly the repository
     * bounds its read.
     */
    static PortfolioReport of(Window window, List<Ticket> tickets) {
        return of(window, tickets, Map.of(), null);
    }

    /**
     * As {@link #of(Window, List)}, with the SLA states of the tickets (by ticket key) for the compliance table and
     * the support load against capacity (null when no snapshot was kept).
     */
    static PortfolioReport of(Window window, List<Ticket> tickets, Map<String, SlaState> slaStates, SupportLoad capacity) {
        Map<String, int[]> countsByService = new HashMap<>();
        for (Ticket ticket : tickets) {
            if (ticket.kind() != TicketKind.INCIDENT || !window.contains(ticket.openedAt())) {
                continue;
            }
            int[] counts = countsByService.computeIfAbsent(serviceName(ticket), s -> new int[4]);
            counts[0]++;
            // State is the ticket's current state; whether it counts as finished is judged at asOf.
            if (!ticket.isFinishedAt(window.to())) {
                counts[1]++;
            } else if (ticket.state() == TicketState.CANCELLED) {
                counts[3]++;
            } else {
                counts[2]++;
            }
        }
        List<ServiceSummary> services = new ArrayList<>(countsByService.size());
        IncidentCounts total = IncidentCounts.ZERO;
        for (Map.Entry<String, int[]> entry : countsByService.entrySet()) {
            int[] c = entry.getValue();
            IncidentCounts counts = new IncidentCounts(c[0], c[1], c[2], c[3]);
            services.add(new ServiceSummary(entry.getKey(), counts));
            total = total.plus(counts);
        }
        services.sort(ORDER);
        return new PortfolioReport(SCHEMA_VERSION, window.to(), window, services, new Totals(services.size(), total),
                compliance(window, tickets, slaStates), capacity, List.of());
    }

    private static List<SlaCompliance> compliance(Window window, List<Ticket> tickets, Map<String, SlaState> slaStates) {
        // service -> priority -> metric -> {met, breached, inProgress}; sorted maps give the documented order
        Map<String, Map<Integer, Map<SlaMetric, int[]>>> counts = new TreeMap<>();
        for (Ticket ticket : tickets) {
            SlaState state = slaStates.get(ticket.key());
            if (state == null || ticket.kind() != TicketKind.INCIDENT || !window.contains(ticket.openedAt())) {
                continue;
            }
            for (SlaMetric metric : SlaMetric.values()) {
                SlaOutcome outcome = state.outcome(metric, window.to());
                if (outcome == null || outcome == SlaOutcome.CANCELLED) {
                    continue;
                }
                int[] c = counts.computeIfAbsent(serviceName(ticket), s -> new TreeMap<>())
                        .computeIfAbsent(ticket.priority(), p -> new TreeMap<>())
                        .computeIfAbsent(metric, m -> new int[3]);
                c[outcome == SlaOutcome.MET ? 0 : outcome == SlaOutcome.BREACHED ? 1 : 2]++;
            }
        }
        List<SlaCompliance> rows = new ArrayList<>();
        counts.forEach((service, byPriority) -> byPriority.forEach((priority, byMetric) -> byMetric.forEach((metric, c) ->
                rows.add(new SlaCompliance(service, priority, metric.wireName(), c[0], c[1], c[2])))));
        return rows;
    }

    private static String serviceName(Ticket ticket) {
        return ticket.service().isBlank() ? Ticket.UNKNOWN_SERVICE : ticket.service();
    }
}

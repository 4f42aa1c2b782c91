package io.demandloop.shared.outcome;

import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.alert.AlertRepository;
import io.demandloop.shared.demand.DemandConfig;
import io.demandloop.shared.demand.DemandRepository;
import io.demandloop.shared.demand.ServiceCatalog;
import io.demandloop.shared.demand.ServiceFactsCalculator;
import io.demandloop.shared.demand.ServiceTier;
import io.demandloop.shared.demand.StoredDemand;
import io.demandloop.shared.initiative.OutcomeMetric;
import io.demandloop.shared.sla.SlaBreach;
import io.demandloop.shared.sla.SlaRepository;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketRepository;
import io.demandloop.shared.ticket.TicketState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Reads the facts of outcome measurements and turns them into {@link MeasurementInput}s, by Query and GetItem only
 * (docs/outcomes.md, "The nightly measurement"):
 * <ul>
 *   <li>the incidents, requests and changes opened in the span ({@link TicketRepository#findOpenedBetween}: the
 *       tickets table's {@code OpenedIndex}, one Query per kind and month), for every service at once;</li>
 *   <li>the alert episodes ({@link AlertRepository#episodesStartingBetween}) and the SLA breaches
 *       ({@link SlaRepository#breachesBetween}) of each targeted and control service in the span, one Query each;</li>
 *   <li>the linked demands ({@link DemandRepository#find}, one GetItem each): the earliest {@code firstRaisedAt}
 *       before delivery ends the baseline (regression to the mean).</li>
 * </ul>
 * The span of an intervention runs from {@link #LOOK_BACK} before its baseline to its after window's end or
 * {@code asOf}, whichever is first; several interventions are read in one span, their union. So what a night reads
 * depends on the windows and the services, never on the history before them.
 *
 * <p><b>Data start.</b> A service's history starts at its first ticket (any kind) or alert episode in the span: a
 * service that only began reporting inside the baseline is not counted as quiet before it. A service with data in
 * the look-back before its baseline covers the whole baseline; one with none at all in the span counts as covered
 * (zero everywhere: its verdict is inconclusive).
 *
 * <p><b>Controls.</b> The services of the targeted services' catalog tier (the catalog's and those the read tickets
 * name, with the default tier when the catalog does not list them), not targeted, not targeted by another delivered
 * initiative whose delivery falls in the windows, and with data in the span.
 */
public final class OutcomeFactsReader {

    /** How far before the baseline the data start is looked for. */
    public static final Duration LOOK_BACK = Duration.ofDays(28);

    private static final List<TicketKind> KINDS = List.of(TicketKind.INCIDENT, TicketKind.REQUEST, TicketKind.CHANGE);

    private final TicketRepository tickets;
    private final AlertRepository alerts;
    private final SlaRepository sla;
    private final DemandRepository demands;
    private final ServiceCatalog catalog;
    private final ServiceFactsCalculator effort;
    private final int majorPriority;

    public OutcomeFactsReader(TicketRepository tickets, AlertRepository alerts, SlaRepository sla,
                              DemandRepository demands, ServiceCatalog catalog, DemandConfig config) {
        this.tickets = Objects.requireNonNull(tickets, "tickets");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.sla = Objects.requireNonNull(sla, "sla");
        this.demands = Objects.requireNonNull(demands, "demands");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.effort = new ServiceFactsCalculator(config, catalog);
        this.majorPriority = config.introducesRisk().majorPriority();
    }

    /**
     * Everything one intervention's outcome is measured from.
     *
     * @param intervention what is measured
     * @param asOf         the measurement instant
     * @param baselineEnd  the linked demand's first raising, when before delivery; else null
     * @param controls     the control services used
     * @param primary      the expected metric (scoped to the pattern, if any)
     * @param secondary    the other metrics of the targeted services, in {@link OutcomeMetric} order
     */
    public record Measurements(Intervention intervention, Instant asOf, Instant baselineEnd, List<String> controls,
                               MeasurementInput primary, List<MeasurementInput> secondary) {

        /** Measures every metric ({@link OutcomeMeasurement#measure}) and puts the outcome together. */
        public Outcome measure() {
            List<MetricOutcome> others = new ArrayList<>();
            for (MeasurementInput input : secondary) {
                others.add(OutcomeMeasurement.measure(input));
            }
            return Outcome.builder().initiativeId(intervention.id()).title(intervention.title())
                    .services(intervention.services()).demandIds(intervention.demandIds())
                    .category(intervention.category()).expected(intervention.expected())
                    .deliveredAt(intervention.deliveredAt()).baselineEnd(baselineEnd).windows(intervention.windows())
                    .measuredAt(asOf).primary(OutcomeMeasurement.measure(primary)).secondary(others).build();
        }
    }

    /** Reads one intervention, with no other initiative to keep out of its controls. */
    public Measurements read(Intervention intervention, Instant asOf) {
        return read(List.of(intervention), List.of(), asOf).get(0);
    }

    /**
     * Reads the interventions' facts in one span and builds their inputs, in the order given.
     *
     * @param interventions what to measure
     * @param others        every delivered initiative whose delivery may fall in their windows (the measured ones may
     *                      be among them): their services are no control while they do
     * @param asOf          the measurement instant: nothing after it is read
     */
    public List<Measurements> read(List<Intervention> interventions, Collection<Intervention> others, Instant asOf) {
        Objects.requireNonNull(asOf, "asOf");
        if (interventions.isEmpty()) {
            return List.of();
        }
        Map<Intervention, Instant> baselineEnds = new LinkedHashMap<>();
        Instant from = null;
        Instant to = null;
        for (Intervention intervention : interventions) {
            Instant baselineEnd = baselineEnd(intervention);
            baselineEnds.put(intervention, baselineEnd);
            Instant start = spanStart(intervention, baselineEnd);
            Instant end = spanEnd(intervention, asOf);
            from = from == null || start.isBefore(from) ? start : from;
            to = to == null || end.isAfter(to) ? end : to;
        }
        Facts facts = new Facts();
        if (from.isBefore(to)) {
            for (TicketKind kind : KINDS) {
                // findOpenedBetween is inclusive at both ends; the span ends at `to` exclusive
                facts.tickets.addAll(tickets.findOpenedBetween(kind, from, to.minusMillis(1)));
            }
        }
        Map<Intervention, List<String>> controls = new LinkedHashMap<>();
        SortedSet<String> services = new TreeSet<>();
        for (Intervention intervention : interventions) {
            services.addAll(intervention.services());
            List<String> candidates = candidates(intervention, baselineEnds.get(intervention), others, facts.tickets);
            controls.put(intervention, candidates);
            services.addAll(candidates);
        }
        if (from.isBefore(to)) {
            for (String service : services) {
                facts.episodes.put(service, alerts.episodesStartingBetween(service, from, to.minusMillis(1)));
                facts.breaches.put(service, sla.breachesBetween(service, from, to));
            }
        }
        List<Measurements> result = new ArrayList<>();
        for (Intervention intervention : interventions) {
            result.add(build(intervention, baselineEnds.get(intervention), controls.get(intervention), facts, asOf));
        }
        return result;
    }

    /**
     * The first instant an intervention's measurement reads: {@link #LOOK_BACK} before its baseline, which is the
     * baseline {@link OutcomeMeasurement#measure} uses (ending at delivery, or {@link OutcomeMeasurement#DEMAND_WINDOW_DAYS}
     * days before the linked demand was first raised).
     *
     * @param demandRaised the linked demand's first raising before delivery, or null
     */
    public static Instant spanStart(Intervention intervention, Instant demandRaised) {
        return baselineStart(intervention, demandRaised).minus(LOOK_BACK);
    }

    /** Where the intervention's baseline starts, as {@link OutcomeMeasurement#measure} places it. */
    static Instant baselineStart(Intervention intervention, Instant demandRaised) {
        return OutcomeMeasurement.baselineEnd(intervention.deliveredAt(), demandRaised)
                .minus(Duration.ofDays(intervention.windows().beforeDays()));
    }

    /** Where an intervention's read ends (exclusive): its after window's end, or {@code asOf} when that is sooner. */
    public static Instant spanEnd(Intervention intervention, Instant asOf) {
        Instant afterEnd = intervention.afterEnd();
        return afterEnd.isBefore(asOf) ? afterEnd : asOf;
    }

    /** The earliest {@code firstRaisedAt} of the linked demands that lies before delivery; null when none does. */
    private Instant baselineEnd(Intervention intervention) {
        Instant earliest = null;
        for (String demandId : intervention.demandIds()) {
            Optional<StoredDemand> demand;
            try {
                demand = demands.find(demandId);
            } catch (IllegalArgumentException e) {
                continue; // not a demand id: nothing to end the baseline at
            }
            if (demand.isPresent()) {
                Instant raised = demand.get().firstRaisedAt();
                if (raised.isBefore(intervention.deliveredAt()) && (earliest == null || raised.isBefore(earliest))) {
                    earliest = raised;
                }
            }
        }
        return earliest;
    }

    /**
     * The control candidates: the targeted services' tiers, from the catalog and the read tickets' services, not
     * targeted, not under another initiative delivered in the windows.
     */
    private List<String> candidates(Intervention intervention, Instant baselineEnd, Collection<Intervention> others,
                                    List<Ticket> read) {
        Set<ServiceTier> tiers = new HashSet<>();
        intervention.services().forEach(s -> tiers.add(catalog.tierOf(s)));
        Instant windowsStart = baselineStart(intervention, baselineEnd);
        Instant windowsEnd = intervention.afterEnd();
        Set<String> excluded = new HashSet<>(intervention.services());
        for (Intervention other : others) {
            if (!other.id().equals(intervention.id()) && !other.deliveredAt().isBefore(windowsStart)
                    && other.deliveredAt().isBefore(windowsEnd)) {
                excluded.addAll(other.services());
            }
        }
        SortedSet<String> candidates = new TreeSet<>(catalog.services());
        for (Ticket ticket : read) {
            if (ticket.service() != null && !ticket.service().isBlank()) {
                candidates.add(ticket.service());
            }
        }
        candidates.remove(Ticket.UNKNOWN_SERVICE);
        candidates.removeAll(excluded);
        candidates.removeIf(s -> !tiers.contains(catalog.tierOf(s)));
        return List.copyOf(candidates);
    }

    private Measurements build(Intervention intervention, Instant baselineEnd, List<String> candidates, Facts facts,
                               Instant asOf) {
        Instant from = spanStart(intervention, baselineEnd);
        Instant to = spanEnd(intervention, asOf);
        Set<String> targets = Set.copyOf(intervention.services());
        String targetName = String.join(" + ", intervention.services());
        List<String> controls = new ArrayList<>();
        for (String candidate : candidates) {
            if (facts.dataStart(Set.of(candidate), from, to).isPresent()) {
                controls.add(candidate); // a control without any data in the span tells nothing
            }
        }
        Instant targetStart = facts.dataStart(targets, from, to).orElse(from);
        PatternScope scope = PatternScope.parse(intervention.category());
        OutcomeMetric expected = intervention.expected().metric();
        MeasurementInput primary = input(expected, intervention, baselineEnd, asOf, facts, from, to,
                new ServiceHistory(targetName, targetStart, events(expected, targets, scope, facts, from, to, asOf)),
                controls);
        List<MeasurementInput> secondary = new ArrayList<>();
        for (OutcomeMetric metric : OutcomeMetric.values()) {
            if (metric != expected) {
                secondary.add(input(metric, intervention, baselineEnd, asOf, facts, from, to,
                        new ServiceHistory(targetName, targetStart, events(metric, targets, null, facts, from, to, asOf)),
                        controls));
            }
        }
        return new Measurements(intervention, asOf, baselineEnd, List.copyOf(controls), primary, secondary);
    }

    private MeasurementInput input(OutcomeMetric metric, Intervention intervention, Instant baselineEnd, Instant asOf,
                                   Facts facts, Instant from, Instant to, ServiceHistory target, List<String> controls) {
        List<ServiceHistory> histories = new ArrayList<>();
        for (String control : controls) {
            histories.add(new ServiceHistory(control, facts.dataStart(Set.of(control), from, to).orElse(from),
                    events(metric, Set.of(control), null, facts, from, to, asOf)));
        }
        return new MeasurementInput(metric, intervention.expected(), intervention.deliveredAt(), asOf, baselineEnd,
                intervention.windows(), target, histories);
    }

    /** The occurrences a metric counts for the services in {@code [from, to)}, scoped to the pattern if given. */
    List<MetricEvent> events(OutcomeMetric metric, Set<String> services, PatternScope scope, Facts facts, Instant from,
                             Instant to, Instant asOf) {
        Predicate<Instant> inSpan = at -> !at.isBefore(from) && at.isBefore(to);
        List<Ticket> scoped = services.stream().flatMap(s -> facts.ticketsOf(s).stream())
                .filter(t -> inSpan.test(t.openedAt()))
                .filter(t -> scope == null || scope.covers(t))
                .toList();
        List<MetricEvent> events = new ArrayList<>();
        switch (metric) {
            case INCIDENTS -> scoped.stream().filter(t -> t.kind() == TicketKind.INCIDENT)
                    .forEach(t -> events.add(new MetricEvent(t.openedAt(), 1, null)));
            case MAJOR_INCIDENTS -> scoped.stream()
                    .filter(t -> t.kind() == TicketKind.INCIDENT && t.priority() <= majorPriority)
                    .forEach(t -> events.add(new MetricEvent(t.openedAt(), 1, null)));
            case REQUESTS -> scoped.stream().filter(t -> t.kind() == TicketKind.REQUEST)
                    .forEach(t -> events.add(new MetricEvent(t.openedAt(), 1, null)));
            case RESOLUTION_TIME -> durations(scoped, TicketKind.INCIDENT, asOf, events);
            case FULFILMENT_TIME -> durations(scoped, TicketKind.REQUEST, asOf, events);
            case EFFORT_HOURS -> scoped.forEach(t -> events.add(new MetricEvent(t.openedAt(), effort.effortHours(t), null)));
            case ALERT_EPISODES -> {
                Set<String> incidents = scope == null ? null : keys(scoped);
                for (String service : services) {
                    for (AlertEpisode episode : facts.episodes.getOrDefault(service, List.of())) {
                        if (inSpan.test(episode.start())
                                && (incidents == null || incidents.contains(episode.linkedIncident()))) {
                            events.add(new MetricEvent(episode.start(), 1, null));
                        }
                    }
                }
            }
            case SLA_BREACHES -> breaches(services, scope == null ? null : keys(scoped), facts, inSpan, events);
        }
        return events;
    }

    /** Opened to resolved; a ticket not resolved by {@code asOf} is still open (censored). Cancelled ones are left out. */
    private static void durations(List<Ticket> scoped, TicketKind kind, Instant asOf, List<MetricEvent> events) {
        for (Ticket t : scoped) {
            if (t.kind() != kind || t.state() == TicketState.CANCELLED || t.state() == TicketState.DELETED) {
                continue;
            }
            Instant ended = t.resolvedAt() != null ? t.resolvedAt() : t.state().isTerminal() ? t.closedAt() : null;
            if (ended != null && (ended.isAfter(asOf) || ended.isBefore(t.openedAt()))) {
                ended = ended.isAfter(asOf) ? null : t.openedAt();
            }
            events.add(new MetricEvent(t.openedAt(), 1, ended));
        }
    }

    /**
     * The breached tickets, each once at its first breach: those SLA tracking recorded and those whose source says
     * their SLA was missed ({@code signals.slaMet} false: at resolution, else opening), as the demand evaluation
     * counts them.
     */
    private static void breaches(Set<String> services, Set<String> scopedKeys, Facts facts, Predicate<Instant> inSpan,
                                 List<MetricEvent> events) {
        Map<String, Instant> first = new HashMap<>();
        for (String service : services) {
            for (SlaBreach breach : facts.breaches.getOrDefault(service, List.of())) {
                first.merge(breach.ticketKey(), breach.breachedAt(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        for (Ticket t : services.stream().flatMap(s -> facts.ticketsOf(s).stream()).toList()) {
            if (t.signals() != null && Boolean.FALSE.equals(t.signals().slaMet())) {
                first.merge(t.key(), t.resolvedAt() != null ? t.resolvedAt() : t.openedAt(),
                        (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        first.forEach((key, at) -> {
            if (inSpan.test(at) && (scopedKeys == null || scopedKeys.contains(key))) {
                events.add(new MetricEvent(at, 1, null));
            }
        });
    }

    private static Set<String> keys(List<Ticket> scoped) {
        Set<String> keys = new HashSet<>();
        scoped.forEach(t -> keys.add(t.key()));
        return keys;
    }

    /** What one read holds. */
    static final class Facts {
        final List<Ticket> tickets = new ArrayList<>();
        final Map<String, List<AlertEpisode>> episodes = new HashMap<>();
        final Map<String, List<SlaBreach>> breaches = new HashMap<>();
        private Map<String, List<Ticket>> byService;

        /** The read tickets of one service. */
        List<Ticket> ticketsOf(String service) {
            if (byService == null) {
                byService = new HashMap<>();
                for (Ticket t : tickets) {
                    byService.computeIfAbsent(t.service(), s -> new ArrayList<>()).add(t);
                }
            }
            return byService.getOrDefault(service, List.of());
        }

        /** The first ticket or episode of the services in {@code [from, to)}, if any. */
        Optional<Instant> dataStart(Set<String> services, Instant from, Instant to) {
            Instant first = null;
            for (String service : services) {
                for (Ticket t : ticketsOf(service)) {
                    if (!t.openedAt().isBefore(from) && t.openedAt().isBefore(to)
                            && (first == null || t.openedAt().isBefore(first))) {
                        first = t.openedAt();
                    }
                }
                for (AlertEpisode e : episodes.getOrDefault(service, List.of())) {
                    if (!e.start().isBefore(from) && e.start().isBefore(to) && (first == null || e.start().isBefore(first))) {
                        first = e.start();
                    }
                }
            }
            return Optional.ofNullable(first);
        }
    }
}

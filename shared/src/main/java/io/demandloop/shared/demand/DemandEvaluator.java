package io.demandloop.shared.demand;

import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.demand.DemandRecord.Evidence;
import io.demandloop.shared.demand.DemandRecord.Scores;
import io.demandloop.shared.demand.DemandRecord.TicketRef;
import io.demandloop.shared.demand.DemandRecord.WindowCount;
import io.demandloop.shared.demand.ServiceFacts.IncidentGroup;
import io.demandloop.shared.demand.ServiceFacts.RequestGroup;
import io.demandloop.shared.outcome.stats.IntervalEstimate;
import io.demandloop.shared.outcome.stats.RateRatioTest;
import io.demandloop.shared.ticket.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The nightly demand evaluation, as a pure function: {@link DemandInputs} in, {@link DemandRecord}s out, sorted
 * by id. No I/O, no clock (the instant is {@link DemandInputs#asOf()}), no randomness: the same inputs and
 * configuration give equal records.
 *
 * <p>Per service and window ({@code demand.windows}) it computes {@link ServiceFacts}, finds the candidate
 * patterns (incident groups, request types, the service's change and SLA risk, alert noise), judges each against
 * the five criteria with thresholds scaled to the window, and keeps a pattern when it meets a criterion other
 * than {@code critical-service} (a property of the service, not a pattern) or is alert noise. Rates are judged
 * against baselines with exact tests (a service's SLA miss rate and a group's share of majors against the
 * organisation's, a rise against the window before, which counts only where the source has data). Incident groups of
 * one service that share most of their incidents are one demand, citing the others ({@code baseline.mergeOverlap}).
 * Each pattern's
 * record cites the window that gives it the highest tier, then the most criteria met, then the shortest window.
 * The first matching decision rule ({@code demand.rules}) gives the tier; docs/demand.md has the whole story.
 */
public final class DemandEvaluator {

    /** Pattern of a group of incidents: {@code recurring-incidents#<dimension>:<value>}. */
    public static final String RECURRING_INCIDENTS = "recurring-incidents";
    /** Pattern of a request type: {@code request-demand#category:<type>}. */
    public static final String REQUEST_DEMAND = "request-demand";
    /** Pattern of a service's failed changes and SLA breaches. */
    public static final String SERVICE_RISK = "service-risk";
    /** Pattern of a service's noisy alerts. */
    public static final String ALERT_NOISE = "alert-noise";

    private static final String FALLBACK_REASON =
            "no decision rule matched: normal service management handles it (tune, monitor, re-evaluate nightly)";

    private final DemandConfig config;
    private final ServiceCatalog catalog;
    private final ServiceFactsCalculator calculator;

    public DemandEvaluator(DemandConfig config, ServiceCatalog catalog) {
        this.config = Objects.requireNonNull(config, "config");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.calculator = new ServiceFactsCalculator(config, catalog);
    }

    /** An evaluator configured by sections {@code demand} and {@code services}. */
    public static DemandEvaluator from(DemandloopConfig config) {
        return new DemandEvaluator(DemandConfig.from(config), ServiceCatalog.from(config));
    }

    /** The facts calculator this evaluator uses (for readers and reports that show the facts themselves). */
    public ServiceFactsCalculator calculator() {
        return calculator;
    }

    /** Evaluates every service's patterns; the records are sorted by id. */
    public List<DemandRecord> evaluate(DemandInputs inputs) {
        List<Duration> windows = new ArrayList<>(config.windows());
        windows.sort(Comparator.naturalOrder());
        Map<String, Judgement> best = new TreeMap<>();
        Map<String, List<WindowCount>> counts = new TreeMap<>();
        Map<String, Instant> dataStarts = dataStarts(inputs, windows.get(windows.size() - 1));
        Map<String, Set<String>> allKeys = new HashMap<>();
        for (Duration length : new LinkedHashSet<>(windows)) {
            Window window = Window.ending(inputs.asOf(), length);
            Map<String, ServiceFacts> all = calculator.compute(inputs, window);
            Organisation organisation = Organisation.of(all.values(), config.introducesRisk().majorPriority());
            for (ServiceFacts facts : all.values()) {
                for (Judgement judgement : judge(facts, organisation, dataStarts.get(facts.service()))) {
                    counts.computeIfAbsent(judgement.id(), id -> new ArrayList<>())
                            .add(new WindowCount(window.name(), judgement.count, judgement.previous));
                    // a group's incidents over every window, so that groups judged in different windows compare
                    allKeys.computeIfAbsent(judgement.id(), id -> new HashSet<>()).addAll(judgement.keys);
                    if (!judgement.raised()) {
                        continue;
                    }
                    Judgement current = best.get(judgement.id());
                    if (current == null || judgement.betterThan(current)) {
                        best.put(judgement.id(), judgement);
                    }
                }
            }
        }
        List<DemandRecord> records = new ArrayList<>();
        best.values().forEach(j -> j.keys = allKeys.getOrDefault(j.id(), j.keys));
        for (Judgement judgement : mergeOverlapping(best.values())) {
            records.add(record(judgement, counts.get(judgement.id()), inputs));
        }
        records.sort(Comparator.comparing(DemandRecord::id));
        return records;
    }

    /**
     * Where each service's history starts in the evaluation's span ({@code [asOf − 2 × longest window, asOf)}): the
     * first ticket any source of its tickets gave in the span. A source's data starts at its first ticket; a window
     * before that is no baseline. Passing more history than the span changes nothing.
     */
    static Map<String, Instant> dataStarts(DemandInputs inputs, Duration longest) {
        Instant spanStart = inputs.asOf().minus(longest.multipliedBy(2));
        Map<String, Instant> bySource = new HashMap<>();
        Map<String, Set<String>> sourcesOf = new HashMap<>();
        for (Ticket t : inputs.tickets()) {
            if (t.openedAt().isBefore(spanStart) || !t.openedAt().isBefore(inputs.asOf())) {
                continue;
            }
            bySource.merge(t.source(), t.openedAt(), (a, b) -> a.isBefore(b) ? a : b);
            sourcesOf.computeIfAbsent(t.service(), x -> new HashSet<>()).add(t.source());
        }
        Map<String, Instant> byService = new HashMap<>();
        sourcesOf.forEach((service, sources) -> byService.put(service,
                sources.stream().map(bySource::get).min(Comparator.naturalOrder()).orElse(spanStart)));
        return byService;
    }

    /** The organisation's rates in one window: the baseline a service or a group is judged against. */
    record Organisation(int tickets, int slaBreaches, int incidents, int majorIncidents, Map<String, Integer> groups) {
        static Organisation of(Collection<ServiceFacts> all, int majorPriority) {
            int tickets = 0;
            int breaches = 0;
            int incidents = 0;
            int major = 0;
            Map<String, Integer> groups = new HashMap<>();
            for (ServiceFacts f : all) {
                for (IncidentGroup g : f.recurrence()) {
                    groups.merge(g.key(), g.incidents().size(), Integer::sum);
                }
                tickets += slaTickets(f);
                breaches += Math.min(f.slaBreaches(), slaTickets(f));
                incidents += f.incidents();
                for (int p = 1; p <= majorPriority; p++) {
                    major += f.incidentsByPriority().getOrDefault(p, 0);
                }
            }
            return new Organisation(tickets, breaches, incidents, major, groups);
        }

        /** The share of the organisation's incidents in the window that share this group's value (e.g. a symptom). */
        double share(IncidentGroup group) {
            return incidents == 0 ? 0 : (double) groups.getOrDefault(group.key(), 0) / incidents;
        }

        double slaMissRate() {
            return tickets == 0 ? 0 : (double) slaBreaches / tickets;
        }

        double majorShare() {
            return incidents == 0 ? 0 : (double) majorIncidents / incidents;
        }
    }

    /** The tickets an SLA miss rate is a share of: the service's incidents and requests opened in the window. */
    static int slaTickets(ServiceFacts f) {
        return f.incidents() + f.requests().stream().mapToInt(r -> r.requests().size()).sum();
    }

    /**
     * One demand per underlying pattern: a raised incident group of one service whose incidents are
     * {@code baseline.mergeOverlap} or more in another raised group (of the smaller of the two) is the same pattern,
     * seen from another dimension. Groups are taken by dimension (category, CI, problem, symptom), then size, so the
     * demand kept is the broadest description, and it cites the others with their overlap.
     */
    private List<Judgement> mergeOverlapping(Collection<Judgement> judgements) {
        List<Judgement> ordered = new ArrayList<>(judgements);
        ordered.sort(Comparator.comparing((Judgement j) -> j.facts.service())
                .thenComparing(j -> j.dimension == null ? Integer.MAX_VALUE : j.dimension.ordinal())
                .thenComparing(j -> -j.keys.size())
                .thenComparing(Judgement::id));
        double overlap = config.baseline().mergeOverlap();
        List<Judgement> kept = new ArrayList<>();
        for (Judgement j : ordered) {
            Judgement into = null;
            if (j.dimension != null) {
                for (Judgement k : kept) {
                    if (k.dimension != null && k.facts.service().equals(j.facts.service())) {
                        long shared = j.keys.stream().filter(k.keys::contains).count();
                        if (shared >= overlap * Math.min(j.keys.size(), k.keys.size()) && shared > 0) {
                            into = k;
                            break;
                        }
                    }
                }
            }
            if (into == null) {
                kept.add(j);
            } else {
                long shared = j.keys.stream().filter(into.keys::contains).count();
                into.also.add(j.description + " (" + shared + " of its " + j.keys.size() + " incidents)");
            }
        }
        return kept;
    }

    /**
     * The support load of every team and service against the team's capacity, over the shortest of
     * {@code demand.windows} (the most recent picture; the explanations of records judged in that window cite the
     * same numbers). When no service with load is in the catalog (an imported log), the teams are the tickets'
     * assignment groups ({@link CapacitySnapshot#byAssignmentGroup}).
     */
    public CapacitySnapshot capacity(DemandInputs inputs) {
        Duration shortest = config.windows().stream().min(Comparator.naturalOrder())
                .orElseThrow(() -> new IllegalArgumentException("demand.windows must list at least one window"));
        Window window = Window.ending(inputs.asOf(), shortest);
        Map<String, ServiceFacts> facts = calculator.compute(inputs, window);
        // An imported log names services no catalog lists: its teams are then the tickets' assignment groups, not
        // the catalog's teams with nothing under them.
        boolean anyInCatalog = facts.values().stream().anyMatch(f -> catalog.services().contains(f.service())
                && f.capacity().serviceSupportHoursPerWeek() > 0);
        boolean anyLoad = facts.values().stream().anyMatch(f -> f.capacity().serviceSupportHoursPerWeek() > 0);
        if (anyLoad && !anyInCatalog) {
            return CapacitySnapshot.byAssignmentGroup(window, ServiceFactsCalculator.newestVersions(inputs.tickets()),
                    calculator::effortHours, catalog);
        }
        return CapacitySnapshot.of(window, facts.values(), catalog);
    }

    /** The tier the decision rules give a pattern meeting {@code met}, and the reason. */
    public Map.Entry<DemandTier, String> decide(Set<Criterion> met) {
        for (DemandConfig.Rule rule : config.rules()) {
            if (rule.matches(met)) {
                return Map.entry(rule.tier(), rule.reason() == null ? "rule " + rule.tier().wireName() : rule.reason());
            }
        }
        return Map.entry(DemandTier.STAY_IN_SERVICE_MANAGEMENT, FALLBACK_REASON);
    }

    // ---- judging -------------------------------------------------------------------------------------------

    /** A pattern judged in one window, before it becomes a record. */
    private final class Judgement {
        final ServiceFacts facts;
        final String pattern;
        final List<CriterionResult> criteria;
        final List<Measure> observations;
        final boolean observed;
        final int count;
        final int previous;
        final SortedMap<String, Double> figures;
        final List<Ticket> tickets;
        final List<AlertEpisode> episodes;
        final String summary;
        final Set<Criterion> met = EnumSet.noneOf(Criterion.class);
        final DemandTier tier;
        final String reason;
        // score inputs
        final double impact;
        final double risk;
        final double userExperience;
        /** Strength inputs: the pattern's volume, severity (majors, failed changes) and breadth (departments). */
        double volume;
        double severity;
        double breadth;
        /** Tie-breaking strength inputs: the pattern's hours (recorded, else estimated) and its share of its service. */
        double hours;
        double share;
        /** For incident groups: the dimension, the incidents' keys and how the group reads ("category 'x'"). */
        ServiceFacts.Dimension dimension;
        Set<String> keys = Set.of();
        String description;
        /** Other groups of the same incidents merged into this one. */
        final List<String> also = new ArrayList<>();

        Judgement(ServiceFacts facts, String pattern, List<CriterionResult> criteria, List<Measure> observations,
                  boolean observed, int count, int previous, SortedMap<String, Double> figures, List<Ticket> tickets,
                  List<AlertEpisode> episodes, String summary, double impact, double risk, double userExperience) {
            this.facts = facts;
            this.pattern = pattern;
            this.criteria = criteria;
            this.observations = observations;
            this.observed = observed;
            this.count = count;
            this.previous = previous;
            this.figures = figures;
            this.tickets = tickets;
            this.episodes = episodes;
            this.summary = summary;
            this.impact = impact;
            this.risk = risk;
            this.userExperience = userExperience;
            criteria.stream().filter(CriterionResult::met).forEach(c -> met.add(c.criterion()));
            Map.Entry<DemandTier, String> decision = decide(met);
            this.tier = decision.getKey();
            this.reason = decision.getValue();
        }

        String id() {
            return DemandRecord.id(facts.service(), pattern);
        }

        boolean raised() {
            return observed || met.stream().anyMatch(c -> c != Criterion.CRITICAL_SERVICE);
        }

        /** Higher tier, then more criteria met; windows come shortest first, so a tie keeps the shorter one. */
        boolean betterThan(Judgement other) {
            if (tier != other.tier) {
                return tier.compareTo(other.tier) > 0;
            }
            return met.size() > other.met.size();
        }
    }

    private List<Judgement> judge(ServiceFacts facts, Organisation organisation, Instant dataStart) {
        List<Judgement> judgements = new ArrayList<>();
        CriterionResult critical = critical(facts);
        for (IncidentGroup group : facts.recurrence()) {
            if (!group.incidents().isEmpty()) {
                judgements.add(incidentGroup(facts, critical, group, organisation, dataStart));
            }
        }
        for (RequestGroup group : facts.requests()) {
            if (!group.requests().isEmpty()) {
                judgements.add(requestGroup(facts, critical, group));
            }
        }
        judgements.add(serviceRisk(facts, critical, organisation));
        judgements.add(alertNoise(facts, critical));
        return judgements;
    }

    private CriterionResult critical(ServiceFacts facts) {
        List<ServiceTier> tiers = config.criticalService().tiers();
        boolean met = tiers.contains(facts.tier());
        return new CriterionResult(Criterion.CRITICAL_SERVICE, true, met, List.of(new Measure("tier",
                facts.tier().wireName(), "in", tiers.stream().map(ServiceTier::wireName).collect(Collectors.joining(", ", "[", "]")), met)));
    }

    private Judgement incidentGroup(ServiceFacts facts, CriterionResult critical, IncidentGroup group,
                                    Organisation organisation, Instant dataStart) {
        Duration length = facts.window().length();
        DemandConfig.RepeatedDisruption rd = config.repeatedDisruption();
        DemandConfig.Baseline baseline = config.baseline();
        int n = group.incidents().size();
        Measure incidents = Measure.atLeast("incidents", n, config.scaledCount(rd.minIncidents(), length));
        Measure linked = Measure.atLeast("incidents linked to one problem", group.problemLinked(),
                config.scaledCount(rd.minProblemLinked(), length));
        Measure trend = rising(facts.window(), n, group.previousCount(), dataStart,
                config.scaledCount(rd.trendMinIncidents(), length));
        boolean rising = trend.met();
        // Count and rising hold only for a group that stands out in its service; the problem link needs no share.
        int serviceIncidents = facts.incidents();
        double share = serviceIncidents == 0 ? 0 : (double) n / serviceIncidents;
        Measure shareOfService = Measure.atLeast("% of the service's incidents", 100 * share,
                100 * rd.minShareOfService());
        // Against the organisation: a value that a large share of every service's incidents carries (a catch-all
        // symptom or subcategory) says nothing about this service. The group's share of its service must be
        // significantly above that value's share of the organisation's incidents (exact binomial test).
        double orgShare = organisation.share(group);
        double valueP = ExactTests.shareAbove(n, serviceIncidents, baseline.groupShareRatio() * orgShare);
        Measure standsOut = new Measure("% of the service's incidents against " + Measure.format(baseline.groupShareRatio())
                + " x the organisation's " + Measure.format(100 * orgShare) + " % with the same " + group.dimension().wireName()
                + " (exact binomial test, p)", Measure.format(100 * share) + ", p " + formatP(valueP), "<",
                "p " + Measure.format(baseline.significance()), valueP < baseline.significance());
        // A problem link is someone's judgement that the incidents have one cause: it needs no share for the problem's
        // own group; two linked incidents inside a large category or symptom do not make that whole group a pattern,
        // nor do a dozen inside a steady stream of hundreds (the problem's own group is raised instead).
        // Against its own history: a group of the steady volume or more is the service's run workload; its count
        // alone says nothing (a busy service's main subcategory would be raised every night). It counts only rising.
        int steadyVolume = config.scaledCount(rd.steadyVolume(), length);
        Measure belowSteady = new Measure("incidents below the steady volume (a larger group counts only rising)",
                Measure.format(n), "<", Measure.format(steadyVolume), n < steadyVolume);
        boolean disrupted = ((incidents.met() && standsOut.met() && belowSteady.met() || rising) && shareOfService.met())
                || (linked.met() && (group.dimension() == ServiceFacts.Dimension.PROBLEM
                        || (shareOfService.met() && standsOut.met() && belowSteady.met())));
        // Manual effort: hours on a group that stands out in its service, and hours that were recorded: where effort
        // is not recorded, hours are the defaults per priority, a count in disguise, not evidence of manual effort.
        Measure hours = Measure.atLeast("effort hours", group.effortHours(),
                config.scaledHours(config.manualEffort().minHours(), length));
        Measure recorded = recordedEffort(group.incidents());
        boolean manual = hours.met() && recorded.met() && shareOfService.met() && standsOut.met();
        int majorPriority = config.introducesRisk().majorPriority();
        Measure major = Measure.atLeast("major incidents (P1-P" + majorPriority + ")", group.majorIncidents(),
                config.scaledCount(config.introducesRisk().minMajorIncidents(), length));
        Measure majorShare = Measure.atLeast("% of them major", 100.0 * group.majorIncidents() / n,
                100 * config.introducesRisk().minMajorShare());
        // Against the organisation: majors make a group risky only when they are a larger share of it than of the
        // organisation's incidents, by the margin, by the exact binomial test.
        double orgMajor = organisation.majorShare();
        double majorP = ExactTests.shareAbove(group.majorIncidents(), n, orgMajor + baseline.majorShareMargin());
        Measure majorAboveOrganisation = new Measure("% of them major against the organisation's " 
                + Measure.format(100 * orgMajor) + " % + " + Measure.format(100 * baseline.majorShareMargin())
                + " (exact binomial test, p)", Measure.format(100.0 * group.majorIncidents() / n) + ", p "
                + formatP(majorP), "<", "p " + Measure.format(baseline.significance()),
                majorP < baseline.significance());
        List<CriterionResult> criteria = List.of(critical,
                new CriterionResult(Criterion.REPEATED_DISRUPTION, true, disrupted,
                        List.of(incidents, linked, trend, shareOfService, standsOut, belowSteady)),
                new CriterionResult(Criterion.MANUAL_EFFORT, true, manual,
                        List.of(hours, recorded, shareOfService, standsOut)),
                new CriterionResult(Criterion.INTRODUCES_RISK, true,
                        major.met() && majorShare.met() && majorAboveOrganisation.met(),
                        List.of(major, majorShare, majorAboveOrganisation)),
                CriterionResult.notApplicable(Criterion.UNMET_NEED));

        SortedMap<String, Double> figures = new TreeMap<>();
        figures.put("incidents", (double) n);
        figures.put("previousIncidents", (double) group.previousCount());
        figures.put("majorIncidents", (double) group.majorIncidents());
        figures.put("effortHours", Measure.round2(group.effortHours()));
        figures.put("problemLinked", (double) group.problemLinked());
        figures.put("serviceIncidents", (double) serviceIncidents);
        for (int p = 1; p <= 5; p++) {
            final int priority = p;
            figures.put("P" + p, (double) group.incidents().stream().filter(t -> t.priority() == priority).count());
        }
        String summary = n + " incidents sharing " + describe(group) + " " + in(facts.window()) + " ("
                + Measure.format(100 * share) + " % of the service's " + serviceIncidents + "; "
                + group.previousCount() + " in the " + facts.window().name() + " before), " + group.majorIncidents()
                + " of them P1-P" + majorPriority + " (" + Measure.format(100.0 * group.majorIncidents() / n)
                + " % against " + Measure.format(100 * orgMajor) + " % across the organisation)"
                + (group.problem() == null ? "" : ", " + group.problemLinked() + " linked to problem " + group.problem());
        double riskScore = Math.min(10, Math.max(10.0 * group.majorIncidents() / n,
                5.0 * group.majorIncidents() / config.scaledCount(config.introducesRisk().minMajorIncidents(), length)));
        double ux = Math.min(10, 5.0 * n / config.scaledCount(rd.minIncidents(), length));
        Judgement judgement = new Judgement(facts, RECURRING_INCIDENTS + "#" + group.key(), criteria, List.of(), false,
                n, group.previousCount(), figures, group.incidents(), List.of(), summary,
                tierImpact(facts.tier()), riskScore, ux);
        judgement.volume = n;
        judgement.severity = group.majorIncidents();
        judgement.hours = group.effortHours();
        judgement.share = share;
        judgement.breadth = group.incidents().stream().map(Ticket::department)
                .filter(d -> d != null && !d.isBlank()).distinct().count();
        judgement.dimension = group.dimension();
        judgement.keys = group.incidents().stream().map(Ticket::key).collect(Collectors.toSet());
        judgement.description = describe(group);
        return judgement;
    }

    /**
     * Whether a group is rising: at least {@code min} incidents, {@code trendMinRatio} times the rate of the window
     * before, and the exact conditional rate-ratio test ({@link RateRatioTest}, R's {@code poisson.test}) one-sided at
     * {@code baseline.significance}: the lower bound of the ratio's {@code 1 − 2 × significance} Clopper-Pearson
     * interval above 1, which is the one-sided exact test at {@code significance}. The rates are per day of data: a
     * window before the source's first data is no baseline, one partly before it counts the days with data; under
     * {@code minHistoryCoverage} of it, there is no baseline and nothing is rising.
     */
    private Measure rising(Window window, int n, int previous, Instant dataStart, int min) {
        DemandConfig.Baseline baseline = config.baseline();
        double length = window.length().toSeconds() / 86_400.0;
        Instant start = dataStart == null ? window.previousStart() : dataStart;
        double before = Math.max(0, Duration.between(max(window.previousStart(), start), window.start()).toSeconds() / 86_400.0);
        double now = Math.max(0, Duration.between(max(window.start(), start), window.end()).toSeconds() / 86_400.0);
        String name = "rising (incidents, rate ratio to the " + window.name()
                + " before, its one-sided lower bound by the exact rate-ratio test)";
        String threshold = min + ", x" + Measure.format(config.repeatedDisruption().trendMinRatio()) + ", bound > 1 at "
                + Measure.format(baseline.significance());
        if (before < baseline.minHistoryCoverage() * length || now <= 0) {
            return new Measure(name, n + ", no baseline (data from "
                    + start.atZone(ZoneOffset.UTC).toLocalDate() + ")", ">=", threshold, false);
        }
        double ratio = previous == 0 ? Double.POSITIVE_INFINITY : (n / now) / (previous / before);
        boolean enough = n >= min && ratio >= config.repeatedDisruption().trendMinRatio() - 1e-9;
        // the exact test only where the count and the ratio could make a rise (it costs O(n) per group and night)
        IntervalEstimate test = !enough ? null
                : RateRatioTest.test(n, now, previous, before, 1 - 2 * baseline.significance());
        boolean met = enough && test.whollyAbove(1);
        return new Measure(name, n + ", " + (previous == 0 ? "none before" : "x" + Measure.format(ratio)) + ", bound "
                + (test == null ? "not tested" : Measure.format(test.lower())), ">=", threshold, met);
    }

    /** Whether enough of a pattern's tickets recorded their effort for its hours to be evidence. */
    private Measure recordedEffort(List<Ticket> tickets) {
        long recorded = tickets.stream().filter(t -> t.effortMinutes() != null).count();
        double share = tickets.isEmpty() ? 0 : (double) recorded / tickets.size();
        return Measure.atLeast("% of them with recorded effort", 100 * share,
                100 * config.manualEffort().minRecordedShare());
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** A p-value for an explanation: three significant digits, below 0.0001 as such. */
    static String formatP(double p) {
        return p < 1e-4 ? "< 0.0001" : new java.math.BigDecimal(p).round(new java.math.MathContext(2))
                .stripTrailingZeros().toPlainString();
    }

    private Judgement requestGroup(ServiceFacts facts, CriterionResult critical, RequestGroup group) {
        Duration length = facts.window().length();
        DemandConfig.UnmetNeed un = config.unmetNeed();
        int n = group.requests().size();
        int departments = group.byDepartment().size();
        Measure depts = Measure.atLeast("departments", departments, un.minDepartments());
        Measure volume = Measure.atLeast("requests", n, config.scaledCount(un.minRequests(), length));
        Measure slow = group.medianFulfilmentHours() == null
                ? new Measure("median fulfilment hours", "none fulfilled", ">=", Measure.format(un.minMedianFulfilmentHours()), false)
                : Measure.atLeast("median fulfilment hours", group.medianFulfilmentHours(), un.minMedianFulfilmentHours());
        boolean unmet = depts.met() && (volume.met() || slow.met());
        Measure hours = Measure.atLeast("effort hours", group.effortHours(),
                config.scaledHours(config.manualEffort().minHours(), length));
        Measure recorded = recordedEffort(group.requests());
        List<CriterionResult> criteria = List.of(critical,
                CriterionResult.notApplicable(Criterion.REPEATED_DISRUPTION),
                new CriterionResult(Criterion.MANUAL_EFFORT, true, hours.met() && recorded.met(), List.of(hours, recorded)),
                CriterionResult.notApplicable(Criterion.INTRODUCES_RISK),
                new CriterionResult(Criterion.UNMET_NEED, true, unmet, List.of(depts, volume, slow)));
        SortedMap<String, Double> figures = new TreeMap<>();
        figures.put("requests", (double) n);
        figures.put("previousRequests", (double) group.previousCount());
        figures.put("departments", (double) departments);
        figures.put("fulfilled", (double) group.fulfilled());
        figures.put("effortHours", Measure.round2(group.effortHours()));
        if (group.medianFulfilmentHours() != null) {
            figures.put("medianFulfilmentHours", Measure.round2(group.medianFulfilmentHours()));
        }
        group.byDepartment().forEach((d, c) -> figures.put("department:" + d, (double) c));
        String summary = n + " '" + group.category() + "' requests from " + departments + " departments "
                + in(facts.window()) + " (" + group.previousCount() + " in the " + facts.window().name() + " before)"
                + (group.medianFulfilmentHours() == null ? ", none fulfilled yet"
                        : ", median fulfilment " + Measure.format(group.medianFulfilmentHours()) + " h")
                + ", " + Measure.format(group.effortHours()) + " hours of effort";
        double impact = Math.max(tierImpact(facts.tier()), Math.min(10, 2.0 * departments));
        double ux = Math.min(10, 5.0 * Math.max((double) n / config.scaledCount(un.minRequests(), length),
                group.medianFulfilmentHours() == null ? 0 : group.medianFulfilmentHours() / Math.max(un.minMedianFulfilmentHours(), 1)));
        Judgement judgement = new Judgement(facts, REQUEST_DEMAND + "#category:" + group.category(), criteria,
                List.of(), false, n, group.previousCount(), figures, group.requests(), List.of(), summary, impact, 0, ux);
        judgement.volume = n;
        judgement.breadth = departments;
        judgement.hours = group.effortHours();
        int serviceRequests = facts.requests().stream().mapToInt(r -> r.requests().size()).sum();
        judgement.share = serviceRequests == 0 ? 0 : (double) n / serviceRequests;
        return judgement;
    }

    private Judgement serviceRisk(ServiceFacts facts, CriterionResult critical, Organisation organisation) {
        Duration length = facts.window().length();
        DemandConfig.IntroducesRisk ir = config.introducesRisk();
        DemandConfig.Baseline baseline = config.baseline();
        ServiceFacts.Changes changes = facts.changes();
        Measure count = Measure.atLeast("changes", changes.changes(), config.scaledCount(ir.minChanges(), length));
        Measure rate = Measure.atLeast("change failure rate", changes.failureRate(), ir.minChangeFailureRate());
        int minBreaches = config.scaledCount(ir.minSlaBreaches(), length);
        Measure breaches = Measure.atLeast("SLA breaches", facts.slaBreaches(), minBreaches);
        // Against the organisation: a miss rate the whole organisation has says nothing about this service. The
        // service's breached tickets over its incidents and requests must be significantly above the organisation's
        // rate plus the margin (exact binomial test); a service with breaches but no tickets to rate them against
        // is judged by the count alone.
        int tickets = slaTickets(facts);
        int missed = Math.min(facts.slaBreaches(), tickets);
        double serviceRate = tickets == 0 ? 0 : (double) missed / tickets;
        double orgRate = organisation.slaMissRate();
        double slaP = ExactTests.shareAbove(missed, tickets, orgRate + baseline.slaMissMargin());
        Measure aboveOrganisation = new Measure("% of tickets missing their SLA against the organisation's "
                + Measure.format(100 * orgRate) + " % + " + Measure.format(100 * baseline.slaMissMargin())
                + " (exact binomial test, p)", tickets == 0 ? "no tickets" : Measure.format(100 * serviceRate) + ", p "
                + formatP(slaP), "<", "p " + Measure.format(baseline.significance()),
                tickets == 0 || slaP < baseline.significance());
        boolean risky = (count.met() && rate.met()) || (breaches.met() && aboveOrganisation.met());
        List<CriterionResult> criteria = List.of(critical,
                CriterionResult.notApplicable(Criterion.REPEATED_DISRUPTION),
                CriterionResult.notApplicable(Criterion.MANUAL_EFFORT),
                new CriterionResult(Criterion.INTRODUCES_RISK, true, risky,
                        List.of(count, rate, breaches, aboveOrganisation)),
                CriterionResult.notApplicable(Criterion.UNMET_NEED));
        SortedMap<String, Double> figures = new TreeMap<>();
        figures.put("changes", (double) changes.changes());
        figures.put("failedChanges", (double) changes.failed());
        figures.put("changeFailureRate", Measure.round2(changes.failureRate()));
        figures.put("previousChanges", (double) changes.previousChanges());
        figures.put("previousFailedChanges", (double) changes.previousFailed());
        figures.put("slaBreaches", (double) facts.slaBreaches());
        figures.put("previousSlaBreaches", (double) facts.previousSlaBreaches());
        // Breaches are tickets that missed their SLA: beside the service's incidents they read as a rate.
        String breachText = facts.slaBreaches() + " SLA breaches" + (tickets == 0 ? ""
                : " (misses " + Measure.format(100 * serviceRate) + " % of SLAs, " + missed + " of " + tickets
                        + " incidents and requests, against " + Measure.format(100 * orgRate)
                        + " % across the organisation)");
        String summary = (changes.changes() == 0
                ? "no changes and " + breachText + " " + in(facts.window()) + " (" + facts.previousSlaBreaches()
                        + " breaches in the " + facts.window().name() + " before)"
                : changes.failed() + " of " + changes.changes() + " changes failed or were backed out ("
                        + Measure.format(100 * changes.failureRate()) + " %) and " + breachText + " "
                        + in(facts.window()) + " (" + changes.previousFailed() + " failed changes and "
                        + facts.previousSlaBreaches() + " breaches in the " + facts.window().name() + " before)");
        double riskScore = Math.min(10, 5 * Math.max(
                count.met() ? changes.failureRate() / Math.max(ir.minChangeFailureRate(), 0.01) : 0,
                (double) facts.slaBreaches() / minBreaches));
        double ux = Math.min(10, 5.0 * facts.slaBreaches() / minBreaches);
        figures.put("slaTickets", (double) tickets);
        figures.put("slaMissRate", Measure.round2(serviceRate));
        figures.put("organisationSlaMissRate", Measure.round2(orgRate));
        Judgement judgement = new Judgement(facts, SERVICE_RISK, criteria, List.of(), false,
                changes.failed() + facts.slaBreaches(), changes.previousFailed() + facts.previousSlaBreaches(),
                figures, changes.failedChanges(), List.of(), summary, tierImpact(facts.tier()), riskScore, ux);
        judgement.volume = facts.slaBreaches();
        judgement.severity = changes.failed();
        judgement.share = serviceRate;
        return judgement;
    }

    private Judgement alertNoise(ServiceFacts facts, CriterionResult critical) {
        Duration length = facts.window().length();
        DemandConfig.AlertNoise an = config.alertNoise();
        ServiceFacts.AlertNoise alerts = facts.alerts();
        Measure episodes = Measure.atLeast("alert episodes", alerts.episodes(), config.scaledCount(an.minEpisodes(), length));
        Measure perEpisode = Measure.atLeast("alerts per episode", alerts.alertsPerEpisode(), an.minAlertsPerEpisode());
        Measure flapping = Measure.atLeast("flapping share", alerts.flappingShare(), an.minFlappingShare());
        boolean noisy = episodes.met() && (perEpisode.met() || flapping.met());
        List<CriterionResult> criteria = List.of(critical,
                CriterionResult.notApplicable(Criterion.REPEATED_DISRUPTION),
                CriterionResult.notApplicable(Criterion.MANUAL_EFFORT),
                CriterionResult.notApplicable(Criterion.INTRODUCES_RISK),
                CriterionResult.notApplicable(Criterion.UNMET_NEED));
        SortedMap<String, Double> figures = new TreeMap<>();
        figures.put("episodes", (double) alerts.episodes());
        figures.put("previousEpisodes", (double) alerts.previousEpisodes());
        figures.put("alerts", (double) alerts.alerts());
        figures.put("alertsPerEpisode", Measure.round2(alerts.alertsPerEpisode()));
        figures.put("flappingShare", Measure.round2(alerts.flappingShare()));
        figures.put("linkedIncidents", (double) alerts.linkedIncidents());
        String summary = alerts.episodes() + " alert episodes " + in(facts.window()) + " ("
                + alerts.previousEpisodes() + " in the " + facts.window().name() + " before), "
                + Measure.format(alerts.alertsPerEpisode()) + " alerts per episode, "
                + Measure.format(100 * alerts.flappingShare()) + " % flapping, " + alerts.linkedIncidents()
                + " linked to an incident";
        Judgement judgement = new Judgement(facts, ALERT_NOISE, criteria, List.of(episodes, perEpisode, flapping),
                noisy, alerts.episodes(), alerts.previousEpisodes(), figures, List.of(), alerts.recent(), summary,
                tierImpact(facts.tier()), 0, 0);
        judgement.volume = alerts.episodes();
        return judgement;
    }

    // ---- records -------------------------------------------------------------------------------------------

    private DemandRecord record(Judgement j, List<WindowCount> windows, DemandInputs inputs) {
        DemandConfig.Scoring scoring = config.scoring();
        double trend = Math.max(0.5, Math.min(2, (double) j.count / Math.max(j.previous, 1)));
        double costOfDelay = Math.min(10, (j.impact + j.risk + j.userExperience) / 3 * trend);
        double effort = scoring.effortByTier().get(j.tier.wireName());
        double score = score(j.tier, j.impact, j.volume, j.severity, j.breadth, j.hours, j.share);
        Scores scores = new Scores(Measure.round2(j.impact), Measure.round2(j.risk), Measure.round2(j.userExperience),
                Measure.round2(costOfDelay), Measure.round2(effort));
        int max = config.maxEvidenceTickets();
        List<TicketRef> tickets = j.tickets.stream().limit(max)
                .map(t -> new TicketRef(t.key(), t.number(), t.priority(), t.openedAt(), t.link())).toList();
        List<String> episodes = j.episodes.stream().limit(max).map(AlertEpisode::id).toList();
        Window window = j.facts.window();
        Evidence evidence = new Evidence(inputs.asOf(), window, window.previousStart(), j.figures, windows, tickets,
                episodes);
        return new DemandRecord(j.id(), j.facts.service(), j.pattern, j.tier, j.reason, round4(score),
                Measure.round2(costOfDelay / effort), scores, j.criteria, j.observations, evidence,
                explanation(j, tickets));
    }

    /**
     * The score (0-10): the tier's band, {@code 2.5 × tier} (stay 0, process improvement 1, initiative 2, portfolio
     * review 3), plus {@code 2.5 × strength / (strength + halfAt)} where strength is
     * {@code w_impact × impact/10 + w_volume × log2(1 + volume) + w_severity × log2(1 + severity) + w_breadth ×
     * log2(1 + breadth) + w_hours × log2(1 + hours) + w_share × share}. Strictly increasing in each input with a
     * positive weight, never capped (two different strengths give two different scores), and always inside the band:
     * a lower tier never outranks a higher one, whatever the effort default. WSJF is the separate view that divides by
     * effort.
     *
     * @param impact   the service tier's impact, 0-10
     * @param volume   incidents, requests, SLA breaches or episodes of the pattern
     * @param severity major incidents, or failed changes
     * @param breadth  departments
     * @param hours    hours of the pattern's tickets (recorded, else the defaults): separates equal counts of
     *                 different priorities
     * @param share    the pattern's share of its service (0-1; for service-risk its SLA miss rate): the same count
     *                 weighs more on a smaller service
     */
    public double score(DemandTier tier, double impact, double volume, double severity, double breadth, double hours,
                        double share) {
        DemandConfig.Strength w = config.scoring().strength();
        double strength = w.impact() * impact / 10 + w.volume() * log2(1 + volume) + w.severity() * log2(1 + severity)
                + w.breadth() * log2(1 + breadth) + w.hours() * log2(1 + hours) + w.share() * share;
        return 2.5 * (tier.ordinal() + strength / (strength + w.halfAt()));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** Scores keep four decimals: two demands of different strength should not tie by rounding. */
    static double round4(double value) {
        return java.math.BigDecimal.valueOf(value).setScale(4, java.math.RoundingMode.HALF_UP).doubleValue();
    }

    private String explanation(Judgement j, List<TicketRef> tickets) {
        ServiceFacts f = j.facts;
        StringBuilder text = new StringBuilder();
        text.append(f.service()).append(" (").append(f.tier().wireName()).append(" tier")
                .append(f.team() == null ? "" : ", team " + f.team()).append("): ").append(j.summary).append(". ");
        if (!j.also.isEmpty()) {
            text.append("The same incidents also share ").append(String.join("; ", j.also)).append(". ");
        }
        List<CriterionResult> met = j.criteria.stream().filter(CriterionResult::met).toList();
        if (met.isEmpty()) {
            text.append("No criterion is met");
            if (!j.observations.isEmpty()) {
                text.append("; observed: ").append(j.observations.stream().filter(Measure::met)
                        .map(m -> m.name() + " " + m.value() + " " + m.comparator() + " " + m.threshold())
                        .collect(Collectors.joining(", ")));
            }
            text.append(". ");
        } else {
            text.append("Criteria met: ").append(met.stream().map(c -> c.criterion().label() + " ("
                    + c.measures().stream().filter(Measure::met)
                            .map(m -> m.name() + " " + m.value() + " " + m.comparator() + " " + m.threshold())
                            .collect(Collectors.joining(", ")) + ")")
                    .collect(Collectors.joining("; "))).append(". ");
        }
        text.append("Tier ").append(j.tier.wireName()).append(": ").append(j.reason).append('.');
        ServiceFacts.Capacity capacity = f.capacity();
        if (capacity.serviceShareOfCapacity() != null) {
            text.append(" Support of ").append(f.service()).append(" takes ")
                    .append(Measure.format(100 * capacity.serviceShareOfCapacity())).append(" % of the capacity of team ")
                    .append(capacity.team()).append(" (")
                    .append(Measure.format(capacity.serviceSupportHoursPerWeek())).append(" of ")
                    .append(Measure.format(capacity.teamCapacityHoursPerWeek())).append(" h/week).");
        }
        if (!tickets.isEmpty()) {
            text.append(" See ").append(tickets.stream()
                    .map(t -> t.number() != null ? t.number() : t.key()).collect(Collectors.joining(", "))).append('.');
        }
        return text.toString();
    }

    private static String describe(IncidentGroup group) {
        return switch (group.dimension()) {
            case CATEGORY -> "category '" + group.value() + "'";
            case CI -> "CI '" + group.value() + "'";
            case PROBLEM -> "problem " + group.value();
            case SYMPTOM -> "the symptom '" + group.value().replace('-', ' ') + "'";
        };
    }

    private static String in(Window window) {
        return "in the " + window.name() + " to " + window.end().atZone(ZoneOffset.UTC).toLocalDate();
    }

    private double tierImpact(ServiceTier tier) {
        return config.scoring().tierImpact().get(tier.wireName());
    }
}

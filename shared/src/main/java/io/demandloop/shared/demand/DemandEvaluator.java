package io.demandloop.shared.demand;

import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.demand.DemandRecord.Evidence;
import io.demandloop.shared.demand.DemandRecord.Scores;
import io.demandloop.shared.demand.DemandRecord.TicketRef;
import io.demandloop.shared.demand.DemandRecord.WindowCount;
import io.demandloop.shared.demand.ServiceFacts.IncidentGroup;
import io.demandloop.shared.demand.ServiceFacts.RequestGroup;
import io.demandloop.shared.ticket.Ticket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
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
 * than {@code critical-service} (a property of the service, not a pattern) or is alert noise. Overlapping
 * incident groups are reported once: groups are taken by dimension (category, CI, problem, symptom), then size;
 * a group whose incidents are mostly ({@value #OVERLAP} or more) in groups already kept is dropped. Each pattern's
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

    /** Share of a group's incidents already in kept groups above which the group is not reported again. */
    public static final double OVERLAP = 0.8;

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
        for (Duration length : new LinkedHashSet<>(windows)) {
            Window window = Window.ending(inputs.asOf(), length);
            for (ServiceFacts facts : calculator.compute(inputs, window).values()) {
                for (Judgement judgement : judge(facts)) {
                    counts.computeIfAbsent(judgement.id(), id -> new ArrayList<>())
                            .add(new WindowCount(window.name(), judgement.count, judgement.previous));
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
        for (Judgement judgement : best.values()) {
            records.add(record(judgement, counts.get(judgement.id()), inputs));
        }
        return records;
    }

    /**
     * The support load of every team and service against the team's capacity, over the shortest of
     * {@code demand.windows} (the most recent picture; the explanations of records judged in that window cite the
     * same numbers).
     */
    public CapacitySnapshot capacity(DemandInputs inputs) {
        Duration shortest = config.windows().stream().min(Comparator.naturalOrder())
                .orElseThrow(() -> new IllegalArgumentException("demand.windows must list at least one window"));
        Window window = Window.ending(inputs.asOf(), shortest);
        return CapacitySnapshot.of(window, calculator.compute(inputs, window).values(), catalog);
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
        /** An incident group mostly covered by a group kept before it: counted, never raised. */
        boolean suppressed;

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
            return !suppressed && (observed || met.stream().anyMatch(c -> c != Criterion.CRITICAL_SERVICE));
        }

        /** Higher tier, then more criteria met; windows come shortest first, so a tie keeps the shorter one. */
        boolean betterThan(Judgement other) {
            if (tier != other.tier) {
                return tier.compareTo(other.tier) > 0;
            }
            return met.size() > other.met.size();
        }
    }

    private List<Judgement> judge(ServiceFacts facts) {
        List<Judgement> judgements = new ArrayList<>();
        CriterionResult critical = critical(facts);
        Set<String> covered = new HashSet<>();
        List<IncidentGroup> groups = new ArrayList<>(facts.recurrence());
        groups.sort(Comparator.comparing(IncidentGroup::dimension)
                .thenComparing(g -> -g.incidents().size())
                .thenComparing(IncidentGroup::value));
        for (IncidentGroup group : groups) {
            if (group.incidents().isEmpty()) {
                continue;
            }
            Judgement judgement = incidentGroup(facts, critical, group);
            judgements.add(judgement);
            if (!judgement.raised()) {
                continue;
            }
            long overlapping = group.incidents().stream().filter(t -> covered.contains(t.key())).count();
            if (overlapping >= OVERLAP * group.incidents().size()) {
                judgement.suppressed = true;
                continue;
            }
            group.incidents().forEach(t -> covered.add(t.key()));
        }
        for (RequestGroup group : facts.requests()) {
            if (!group.requests().isEmpty()) {
                judgements.add(requestGroup(facts, critical, group));
            }
        }
        judgements.add(serviceRisk(facts, critical));
        judgements.add(alertNoise(facts, critical));
        return judgements;
    }

    private CriterionResult critical(ServiceFacts facts) {
        List<ServiceTier> tiers = config.criticalService().tiers();
        boolean met = tiers.contains(facts.tier());
        return new CriterionResult(Criterion.CRITICAL_SERVICE, true, met, List.of(new Measure("tier",
                facts.tier().wireName(), "in", tiers.stream().map(ServiceTier::wireName).collect(Collectors.joining(", ", "[", "]")), met)));
    }

    private Judgement incidentGroup(ServiceFacts facts, CriterionResult critical, IncidentGroup group) {
        Duration length = facts.window().length();
        DemandConfig.RepeatedDisruption rd = config.repeatedDisruption();
        int n = group.incidents().size();
        double ratio = (double) n / Math.max(group.previousCount(), 1);
        Measure incidents = Measure.atLeast("incidents", n, config.scaledCount(rd.minIncidents(), length));
        Measure linked = Measure.atLeast("incidents linked to one problem", group.problemLinked(),
                config.scaledCount(rd.minProblemLinked(), length));
        // Rising: enough incidents, and a multiple of the window before. A group new in this window (none before)
        // is judged by its count alone: a ratio over nothing is noise.
        int trendMin = config.scaledCount(rd.trendMinIncidents(), length);
        boolean rising = n >= trendMin && group.previousCount() > 0 && ratio >= rd.trendMinRatio() - 1e-9;
        Measure trend = new Measure("rising (incidents, times the window before)",
                n + ", " + (group.previousCount() == 0 ? "none before" : "x" + Measure.format(ratio)),
                ">=", trendMin + ", x" + Measure.format(rd.trendMinRatio()), rising);
        // Count and rising hold only for a group that stands out in its service; the problem link needs no share.
        int serviceIncidents = facts.incidents();
        double share = serviceIncidents == 0 ? 0 : (double) n / serviceIncidents;
        Measure shareOfService = Measure.atLeast("% of the service's incidents", 100 * share,
                100 * rd.minShareOfService());
        boolean disrupted = ((incidents.met() || rising) && shareOfService.met()) || linked.met();
        Measure hours = Measure.atLeast("effort hours", group.effortHours(),
                config.scaledHours(config.manualEffort().minHours(), length));
        int majorPriority = config.introducesRisk().majorPriority();
        Measure major = Measure.atLeast("major incidents (P1-P" + majorPriority + ")", group.majorIncidents(),
                config.scaledCount(config.introducesRisk().minMajorIncidents(), length));
        Measure majorShare = Measure.atLeast("% of them major", 100.0 * group.majorIncidents() / n,
                100 * config.introducesRisk().minMajorShare());
        List<CriterionResult> criteria = List.of(critical,
                new CriterionResult(Criterion.REPEATED_DISRUPTION, true, disrupted,
                        List.of(incidents, linked, trend, shareOfService)),
                new CriterionResult(Criterion.MANUAL_EFFORT, true, hours.met(), List.of(hours)),
                new CriterionResult(Criterion.INTRODUCES_RISK, true, major.met() && majorShare.met(),
                        List.of(major, majorShare)),
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
                + " of them P1-P" + majorPriority
                + (group.problem() == null ? "" : ", " + group.problemLinked() + " linked to problem " + group.problem());
        double riskScore = Math.min(10, Math.max(10.0 * group.majorIncidents() / n,
                5.0 * group.majorIncidents() / config.scaledCount(config.introducesRisk().minMajorIncidents(), length)));
        double ux = Math.min(10, 5.0 * n / config.scaledCount(rd.minIncidents(), length));
        return new Judgement(facts, RECURRING_INCIDENTS + "#" + group.key(), criteria, List.of(), false, n,
                group.previousCount(), figures, group.incidents(), List.of(), summary,
                tierImpact(facts.tier()), riskScore, ux);
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
        List<CriterionResult> criteria = List.of(critical,
                CriterionResult.notApplicable(Criterion.REPEATED_DISRUPTION),
                new CriterionResult(Criterion.MANUAL_EFFORT, true, hours.met(), List.of(hours)),
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
        return new Judgement(facts, REQUEST_DEMAND + "#category:" + group.category(), criteria, List.of(), false, n,
                group.previousCount(), figures, group.requests(), List.of(), summary, impact, 0, ux);
    }

    private Judgement serviceRisk(ServiceFacts facts, CriterionResult critical) {
        Duration length = facts.window().length();
        DemandConfig.IntroducesRisk ir = config.introducesRisk();
        ServiceFacts.Changes changes = facts.changes();
        Measure count = Measure.atLeast("changes", changes.changes(), config.scaledCount(ir.minChanges(), length));
        Measure rate = Measure.atLeast("change failure rate", changes.failureRate(), ir.minChangeFailureRate());
        int minBreaches = config.scaledCount(ir.minSlaBreaches(), length);
        Measure breaches = Measure.atLeast("SLA breaches", facts.slaBreaches(), minBreaches);
        boolean risky = (count.met() && rate.met()) || breaches.met();
        List<CriterionResult> criteria = List.of(critical,
                CriterionResult.notApplicable(Criterion.REPEATED_DISRUPTION),
                CriterionResult.notApplicable(Criterion.MANUAL_EFFORT),
                new CriterionResult(Criterion.INTRODUCES_RISK, true, risky, List.of(count, rate, breaches)),
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
        String breachText = facts.slaBreaches() + " SLA breaches" + (facts.incidents() == 0 ? ""
                : " (tickets; the service had " + facts.incidents() + " incidents)");
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
        return new Judgement(facts, SERVICE_RISK, criteria, List.of(), false,
                changes.failed() + facts.slaBreaches(), changes.previousFailed() + facts.previousSlaBreaches(),
                figures, changes.failedChanges(), List.of(), summary, tierImpact(facts.tier()), riskScore, ux);
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
        return new Judgement(facts, ALERT_NOISE, criteria, List.of(episodes, perEpisode, flapping), noisy,
                alerts.episodes(), alerts.previousEpisodes(), figures, List.of(), alerts.recent(), summary,
                tierImpact(facts.tier()), 0, 0);
    }

    // ---- records -------------------------------------------------------------------------------------------

    private DemandRecord record(Judgement j, List<WindowCount> windows, DemandInputs inputs) {
        DemandConfig.Scoring scoring = config.scoring();
        double trend = Math.max(0.5, Math.min(2, (double) j.count / Math.max(j.previous, 1)));
        double costOfDelay = Math.min(10, (j.impact + j.risk + j.userExperience) / 3 * trend);
        double effort = scoring.effortByTier().get(j.tier.wireName());
        DemandConfig.Weights w = scoring.weights();
        double score = (w.impact() * j.impact + w.risk() * j.risk + w.userExperience() * j.userExperience
                + w.costOfDelay() * costOfDelay + w.effort() * (10 - effort))
                / (w.impact() + w.risk() + w.userExperience() + w.costOfDelay() + w.effort());
        Scores scores = new Scores(Measure.round2(j.impact), Measure.round2(j.risk), Measure.round2(j.userExperience),
                Measure.round2(costOfDelay), Measure.round2(effort));
        int max = config.maxEvidenceTickets();
        List<TicketRef> tickets = j.tickets.stream().limit(max)
                .map(t -> new TicketRef(t.key(), t.number(), t.priority(), t.openedAt(), t.link())).toList();
        List<String> episodes = j.episodes.stream().limit(max).map(AlertEpisode::id).toList();
        Window window = j.facts.window();
        Evidence evidence = new Evidence(inputs.asOf(), window, window.previousStart(), j.figures, windows, tickets,
                episodes);
        return new DemandRecord(j.id(), j.facts.service(), j.pattern, j.tier, j.reason, Measure.round2(score),
                Measure.round2(costOfDelay / effort), scores, j.criteria, j.observations, evidence,
                explanation(j, tickets));
    }

    private String explanation(Judgement j, List<TicketRef> tickets) {
        ServiceFacts f = j.facts;
        StringBuilder text = new StringBuilder();
        text.append(f.service()).append(" (").append(f.tier().wireName()).append(" tier")
                .append(f.team() == null ? "" : ", team " + f.team()).append("): ").append(j.summary).append(". ");
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

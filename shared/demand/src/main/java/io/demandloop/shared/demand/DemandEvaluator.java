package io.demandloop.shared.demand;

import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.decision.DemandId;
import io.demandloop.shared.demand.DemandRecord.Evidence;
import io.demandloop.shared.demand.DemandRecord.TicketRef;
import io.demandloop.shared.demand.DemandRecord.WindowCount;
import io.demandloop.shared.ticket.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

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
 *
 * <p>A façade over three parts: {@link PatternJudge} judges the patterns, {@link DemandScorer} decides the tier and
 * scores, {@link DemandExplanation} writes the explanation; this class runs the windows, keeps each pattern's best
 * window, merges overlapping groups and assembles the records.
 */
public final class DemandEvaluator {

    private final DemandConfig config;
    private final ServiceCatalog catalog;
    private final ServiceFactsCalculator calculator;
    private final DemandScorer scorer;
    private final PatternJudge judge;

    public DemandEvaluator(DemandConfig config, ServiceCatalog catalog) {
        this.config = Objects.requireNonNull(config, "config");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.calculator = new ServiceFactsCalculator(config, catalog);
        this.scorer = new DemandScorer(config);
        this.judge = new PatternJudge(config, scorer);
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
        Map<String, PatternJudgement> best = new TreeMap<>();
        Map<String, List<WindowCount>> counts = new TreeMap<>();
        Map<String, Instant> dataStarts = dataStarts(inputs, windows.get(windows.size() - 1));
        Map<String, Set<String>> allKeys = new HashMap<>();
        for (Duration length : new LinkedHashSet<>(windows)) {
            Window window = Window.ending(inputs.asOf(), length);
            Map<String, ServiceFacts> all = calculator.compute(inputs, window);
            PatternJudge.Organisation organisation = PatternJudge.Organisation.of(all.values(),
                    config.introducesRisk().majorPriority());
            for (ServiceFacts facts : all.values()) {
                for (PatternJudgement judgement : judge.judge(facts, organisation, dataStarts.get(facts.service()))) {
                    counts.computeIfAbsent(judgement.id(), id -> new ArrayList<>())
                            .add(new WindowCount(window.name(), judgement.count(), judgement.previous()));
                    // a group's incidents over every window, so that groups judged in different windows compare
                    allKeys.computeIfAbsent(judgement.id(), id -> new HashSet<>()).addAll(judgement.keys());
                    if (!judgement.raised()) {
                        continue;
                    }
                    PatternJudgement current = best.get(judgement.id());
                    if (current == null || judgement.betterThan(current)) {
                        best.put(judgement.id(), judgement);
                    }
                }
            }
        }
        List<DemandRecord> records = new ArrayList<>();
        best.replaceAll((id, j) -> j.withKeys(allKeys.getOrDefault(id, j.keys())));
        for (PatternJudgement judgement : mergeOverlapping(best.values())) {
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

    /**
     * One demand per underlying pattern: a raised incident group of one service whose incidents are
     * {@code baseline.mergeOverlap} or more in another raised group (of the smaller of the two) is the same pattern,
     * seen from another dimension. Groups are taken by dimension (category, CI, problem, symptom), then size, so the
     * demand kept is the broadest description, and it cites the others with their overlap.
     */
    private List<PatternJudgement> mergeOverlapping(Collection<PatternJudgement> judgements) {
        List<PatternJudgement> ordered = new ArrayList<>(judgements);
        ordered.sort(Comparator.comparing((PatternJudgement j) -> j.facts().service())
                .thenComparing(j -> j.dimension() == null ? Integer.MAX_VALUE : j.dimension().ordinal())
                .thenComparing(j -> -j.keys().size())
                .thenComparing(PatternJudgement::id));
        double overlap = config.baseline().mergeOverlap();
        List<PatternJudgement> kept = new ArrayList<>();
        for (PatternJudgement j : ordered) {
            int into = -1;
            if (j.dimension() != null) {
                for (int i = 0; i < kept.size(); i++) {
                    PatternJudgement k = kept.get(i);
                    if (k.dimension() != null && k.facts().service().equals(j.facts().service())) {
                        long shared = j.keys().stream().filter(k.keys()::contains).count();
                        if (shared >= overlap * Math.min(j.keys().size(), k.keys().size()) && shared > 0) {
                            into = i;
                            break;
                        }
                    }
                }
            }
            if (into < 0) {
                kept.add(j);
            } else {
                PatternJudgement k = kept.get(into);
                long shared = j.keys().stream().filter(k.keys()::contains).count();
                kept.set(into, k.withAlso(j.description() + " (" + shared + " of its " + j.keys().size() + " incidents)"));
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
        return scorer.decide(met);
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
        return scorer.score(tier, impact, volume, severity, breadth, hours, share);
    }

    private DemandRecord record(PatternJudgement j, List<WindowCount> windows, DemandInputs inputs) {
        DemandScorer.Scored scored = scorer.score(j);
        int max = config.maxEvidenceTickets();
        List<TicketRef> tickets = j.tickets().stream().limit(max)
                .map(t -> new TicketRef(t.key(), t.number(), t.priority(), t.openedAt(), t.link())).toList();
        List<String> episodes = j.episodes().stream().limit(max).map(AlertEpisode::id).toList();
        Window window = j.facts().window();
        Evidence evidence = new Evidence(inputs.asOf(), window, window.previousStart(), j.figures(), windows, tickets,
                episodes);
        return new DemandRecord(j.id(), j.facts().service(), j.pattern(), j.tier(), j.reason(), scored.score(),
                scored.wsjf(), scored.scores(), j.criteria(), j.observations(), evidence,
                DemandExplanation.of(j, tickets));
    }
}

package io.demandloop.shared.demand;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.config.MissingConfigurationException;
import io.demandloop.shared.ticket.TicketKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Configuration section {@value #SECTION} as written (defaults in {@code demandloop/defaults/demand.yaml}):
 * windows, the thresholds of the five criteria, effort defaults, decision rules and scoring weights.
 * {@link #from} binds and validates it; docs/demand.md explains every key.
 *
 * <p>Counts and hours are stated per {@code thresholdPeriod} and scale with the length of the window judged
 * ({@link #scaledCount}, {@link #scaledHours}); ratios, shares, department counts and durations do not.
 *
 * @param windows            the windows judged, each against the window of the same length before it
 * @param thresholdPeriod    the period the count and hour thresholds are stated for
 * @param criticalService    criterion {@code critical-service}
 * @param repeatedDisruption criterion {@code repeated-disruption}
 * @param manualEffort       criterion {@code manual-effort}
 * @param introducesRisk     criterion {@code introduces-risk}
 * @param unmetNeed          criterion {@code unmet-need}
 * @param alertNoise         when alert episodes are recorded as noise (an observation, not a criterion)
 * @param baseline           how a pattern is judged against the organisation and its own history: exact tests,
 *                           their significance, the margins and how much history a window before needs
 * @param effortHours        per kind ({@code incident}, ...) and priority (1-5): the hours a ticket counts when
 *                           its source records no effort
 * @param rules              the decision rules, in order: the first that matches gives the tier
 * @param scoring            weights and scales of the score
 * @param maxEvidenceTickets how many representative tickets a record cites
 */
public record DemandConfig(List<Duration> windows, Duration thresholdPeriod, CriticalService criticalService,
                           RepeatedDisruption repeatedDisruption, ManualEffort manualEffort,
                           IntroducesRisk introducesRisk, UnmetNeed unmetNeed, AlertNoise alertNoise,
                           Baseline baseline, Map<String, Map<Integer, Double>> effortHours, List<Rule> rules,
                           Scoring scoring, Integer maxEvidenceTickets) {

    /** The configuration section. */
    public static final String SECTION = "demand";

    /** @param tiers the catalog tiers that count as critical business services */
    public record CriticalService(List<ServiceTier> tiers) {
    }

    /**
     * @param minIncidents      incidents of one group (category, CI, symptom or problem) per period
     * @param minProblemLinked  or: incidents of the group linked to one problem, per period
     * @param trendMinIncidents or, rising: at least this many incidents of the group per period (and at least one
     *                          in the window before) ...
     * @param trendMinRatio     ... and at least this many times as many as in the window before
     * @param minShareOfService the count and the rising test count only for a group that is at least this share
     *                          (0-1) of the service's incidents in the window, so that on a busy service the few
     *                          groups that stand out are raised, not every category with a handful; the problem
     *                          link test needs no share
     * @param steadyVolume      a group of at least this many incidents per period is the service's run workload:
     *                          its count alone is no evidence of a recurring disruption (it counts only rising
     *                          against its own history, problem-linked or risky), so that a busy service's large,
     *                          steady subcategories stay in service management
     */
    public record RepeatedDisruption(Integer minIncidents, Integer minProblemLinked, Integer trendMinIncidents,
                                     Double trendMinRatio, Double minShareOfService, Integer steadyVolume) {
    }

    /**
     * @param minHours          hours of the pattern's tickets per period (recorded effort, else {@code effortHours})
     * @param minRecordedShare  the hours are evidence only when at least this share (0-1) of the pattern's tickets
     *                          recorded their effort: hours estimated from the defaults alone are a count in disguise
     */
    public record ManualEffort(Double minHours, Double minRecordedShare) {
    }

    /**
     * @param majorPriority        incidents of this priority or higher (1 is highest) are major
     * @param minMajorIncidents    major incidents of the pattern per period ...
     * @param minMajorShare        ... that are at least this share (0-1) of the pattern's incidents
     * @param minChanges           changes of the service per period before a failure rate is judged ...
     * @param minChangeFailureRate ... and the share of them failed or backed out (0-1)
     * @param minSlaBreaches       SLA breaches of the service per period
     */
    public record IntroducesRisk(Integer majorPriority, Integer minMajorIncidents, Double minMajorShare,
                                 Integer minChanges, Double minChangeFailureRate, Integer minSlaBreaches) {
    }

    /**
     * @param minDepartments           distinct departments requesting one request type in the window
     * @param minRequests              and: requests of the type per period ...
     * @param minMedianFulfilmentHours ... or a median fulfilment time of at least this many hours
     */
    public record UnmetNeed(Integer minDepartments, Integer minRequests, Double minMedianFulfilmentHours) {
    }

    /**
     * @param minEpisodes         alert episodes of the service per period ...
     * @param minAlertsPerEpisode ... with at least this many alerts per episode on average ...
     * @param minFlappingShare    ... or at least this share of episodes flapping (0-1)
     */
    public record AlertNoise(Integer minEpisodes, Double minAlertsPerEpisode, Double minFlappingShare) {
    }

    /**
     * How much evidence a pattern needs against its baselines (docs/demand.md, "Baselines and evidence").
     *
     * @param significance       a one-sided exact test's p-value must be below this (0-1) for a rate to stand out
     * @param slaMissMargin      a service's SLA miss rate counts as risk only when it is significantly above the
     *                           organisation's rate plus this margin (0-1, in rate: 0.1 is ten points)
     * @param majorShareMargin   an incident group's share of major incidents counts as risk only when it is
     *                           significantly above the organisation's share plus this margin (0-1)
     * @param groupShareRatio    an incident group counts (by its count or its hours) only when its share of its
     *                           service is significantly above this many times (at least 1) the share of the
     *                           organisation's incidents with the same value: a catch-all symptom or subcategory that
     *                           every service carries says nothing about one service
     * @param minHistoryCoverage the window before is a baseline for a rise only when the source had data for at
     *                           least this share (0-1) of it: a window before the source's first data is no baseline
     * @param mergeOverlap       two incident groups of one service are one pattern (one demand, citing both) when
     *                           this share (0-1) or more of the smaller one's incidents are in the other
     */
    public record Baseline(Double significance, Double slaMissMargin, Double majorShareMargin,
                           Double groupShareRatio, Double minHistoryCoverage, Double mergeOverlap) {
    }

    /**
     * One decision rule: it matches a pattern when every criterion of {@code allOf} is met, at least one of
     * {@code anyOf} (when given), and at least {@code minCriteria} criteria in all.
     *
     * @param tier        the tier it gives
     * @param allOf       criteria that must all be met; none when absent
     * @param anyOf       criteria of which one must be met; no condition when absent
     * @param minCriteria how many criteria must be met in all; 0 when absent
     * @param reason      why, in words for the explanation
     */
    public record Rule(DemandTier tier, List<Criterion> allOf, List<Criterion> anyOf, Integer minCriteria,
                       String reason) {
        public Rule {
            allOf = allOf == null ? List.of() : List.copyOf(allOf);
            anyOf = anyOf == null ? List.of() : List.copyOf(anyOf);
            minCriteria = minCriteria == null ? 0 : minCriteria;
        }

        /** Whether the rule matches a pattern that meets {@code met}. */
        public boolean matches(Set<Criterion> met) {
            return met.containsAll(allOf)
                    && (anyOf.isEmpty() || anyOf.stream().anyMatch(met::contains))
                    && met.size() >= minCriteria;
        }
    }

    /**
     * @param strength     the weights of the within-tier strength (docs/demand.md, "Scoring")
     * @param tierImpact   impact (0-10) per service tier ({@code critical}, ...)
     * @param effortByTier effort (1-10, the size of the fix) per demand tier ({@code initiative}, ...), until
     *                     someone estimates it: WSJF's divisor, not part of the score
     */
    public record Scoring(Strength strength, Map<String, Double> tierImpact, Map<String, Double> effortByTier) {
    }

    /**
     * The within-tier strength {@code impact × impact/10 + volume × log2(1 + volume) + severity × log2(1 + majors)
     * + breadth × log2(1 + departments) + hours × log2(1 + hours) + share × share of the service}, mapped into the
     * tier's band by {@code strength / (strength + halfAt)}.
     *
     * @param impact   weight of the service tier's impact (0-10, divided by 10)
     * @param volume   weight of the pattern's volume (incidents, requests, breaches, episodes), on a log scale
     * @param severity weight of its severity (major incidents, failed changes), on a log scale
     * @param breadth  weight of its breadth (departments), on a log scale
     * @param hours    weight of its hours (recorded, else the defaults per priority), on a log scale
     * @param share    weight of its share of its service (0-1)
     * @param halfAt   the strength that scores half-way into the tier's band (above 0)
     */
    public record Strength(Double impact, Double volume, Double severity, Double breadth, Double hours, Double share,
                           Double halfAt) {
    }

    /** The section of a configuration, validated; a missing, misspelt or malformed key fails with its path. */
    public static DemandConfig from(DemandloopConfig config) {
        DemandConfig c = config.section(SECTION, DemandConfig.class);
        c.validate();
        return c;
    }

    /** A count threshold for a window: {@code threshold × window / thresholdPeriod}, rounded up. */
    public int scaledCount(int threshold, Duration window) {
        return (int) Math.ceil(threshold * ratio(window) - 1e-9);
    }

    /** An hours threshold for a window: {@code threshold × window / thresholdPeriod}. */
    public double scaledHours(double threshold, Duration window) {
        return threshold * ratio(window);
    }

    private double ratio(Duration window) {
        return (double) window.toSeconds() / thresholdPeriod.toSeconds();
    }

    /** The hours a ticket without recorded effort counts. */
    public double defaultEffortHours(TicketKind kind, int priority) {
        return effortHours.get(kind.wireName()).get(priority);
    }

    private void validate() {
        require(windows != null && !windows.isEmpty(), "windows", "must list at least one duration, e.g. [P30D, P90D]");
        for (int i = 0; i < windows.size(); i++) {
            positive(windows.get(i), "windows[" + i + "]");
        }
        positive(thresholdPeriod, "thresholdPeriod");
        require(criticalService != null && criticalService.tiers() != null, "criticalService.tiers", "is missing");
        require(repeatedDisruption != null, "repeatedDisruption", "is missing");
        atLeast(repeatedDisruption.minIncidents(), 1, "repeatedDisruption.minIncidents");
        atLeast(repeatedDisruption.minProblemLinked(), 1, "repeatedDisruption.minProblemLinked");
        atLeast(repeatedDisruption.trendMinIncidents(), 1, "repeatedDisruption.trendMinIncidents");
        atLeast(repeatedDisruption.trendMinRatio(), 1, "repeatedDisruption.trendMinRatio");
        share(repeatedDisruption.minShareOfService(), "repeatedDisruption.minShareOfService");
        atLeast(repeatedDisruption.steadyVolume(), 1, "repeatedDisruption.steadyVolume");
        require(manualEffort != null, "manualEffort", "is missing");
        atLeast(manualEffort.minHours(), 0, "manualEffort.minHours");
        share(manualEffort.minRecordedShare(), "manualEffort.minRecordedShare");
        require(introducesRisk != null, "introducesRisk", "is missing");
        require(introducesRisk.majorPriority() != null && introducesRisk.majorPriority() >= 1
                && introducesRisk.majorPriority() <= 5, "introducesRisk.majorPriority", "must be 1 to 5");
        atLeast(introducesRisk.minMajorIncidents(), 1, "introducesRisk.minMajorIncidents");
        share(introducesRisk.minMajorShare(), "introducesRisk.minMajorShare");
        atLeast(introducesRisk.minChanges(), 1, "introducesRisk.minChanges");
        share(introducesRisk.minChangeFailureRate(), "introducesRisk.minChangeFailureRate");
        atLeast(introducesRisk.minSlaBreaches(), 1, "introducesRisk.minSlaBreaches");
        require(unmetNeed != null, "unmetNeed", "is missing");
        atLeast(unmetNeed.minDepartments(), 2, "unmetNeed.minDepartments");
        atLeast(unmetNeed.minRequests(), 1, "unmetNeed.minRequests");
        atLeast(unmetNeed.minMedianFulfilmentHours(), 0, "unmetNeed.minMedianFulfilmentHours");
        require(alertNoise != null, "alertNoise", "is missing");
        atLeast(alertNoise.minEpisodes(), 1, "alertNoise.minEpisodes");
        atLeast(alertNoise.minAlertsPerEpisode(), 1, "alertNoise.minAlertsPerEpisode");
        share(alertNoise.minFlappingShare(), "alertNoise.minFlappingShare");
        require(baseline != null, "baseline", "is missing");
        range(baseline.significance(), 0, 0.5, "baseline.significance");
        share(baseline.slaMissMargin(), "baseline.slaMissMargin");
        share(baseline.majorShareMargin(), "baseline.majorShareMargin");
        atLeast(baseline.groupShareRatio(), 1, "baseline.groupShareRatio");
        share(baseline.minHistoryCoverage(), "baseline.minHistoryCoverage");
        share(baseline.mergeOverlap(), "baseline.mergeOverlap");
        require(effortHours != null, "effortHours", "is missing");
        for (String kind : new TreeMap<>(effortHours).keySet()) {
            try {
                TicketKind.fromWireName(kind);
            } catch (IllegalArgumentException e) {
                fail("effortHours." + kind, "is not a ticket kind (incident, request, problem, change)");
            }
        }
        for (TicketKind kind : TicketKind.values()) {
            Map<Integer, Double> byPriority = effortHours.get(kind.wireName());
            for (int p = 1; p <= 5; p++) {
                atLeast(byPriority == null ? null : byPriority.get(p), 0, "effortHours." + kind.wireName() + "." + p);
            }
        }
        require(rules != null && !rules.isEmpty(), "rules", "must list at least one rule");
        for (int i = 0; i < rules.size(); i++) {
            require(rules.get(i).tier() != null, "rules[" + i + "].tier", "is missing");
        }
        require(scoring != null && scoring.strength() != null, "scoring.strength", "is missing");
        Strength st = scoring.strength();
        atLeast(st.impact(), 0, "scoring.strength.impact");
        atLeast(st.volume(), 0, "scoring.strength.volume");
        atLeast(st.severity(), 0, "scoring.strength.severity");
        atLeast(st.breadth(), 0, "scoring.strength.breadth");
        atLeast(st.hours(), 0, "scoring.strength.hours");
        atLeast(st.share(), 0, "scoring.strength.share");
        require(st.halfAt() != null && st.halfAt() > 0, "scoring.strength.halfAt", "must be above 0, was " + st.halfAt());
        require(scoring.tierImpact() != null, "scoring.tierImpact", "is missing");
        for (ServiceTier tier : ServiceTier.values()) {
            range(scoring.tierImpact().get(tier.wireName()), 0, 10, "scoring.tierImpact." + tier.wireName());
        }
        for (String key : scoring.tierImpact().keySet()) {
            try {
                ServiceTier.fromWireName(key);
            } catch (IllegalArgumentException e) {
                fail("scoring.tierImpact." + key, "is not a service tier (critical, high, medium, low)");
            }
        }
        require(scoring.effortByTier() != null, "scoring.effortByTier", "is missing");
        for (DemandTier tier : DemandTier.values()) {
            range(scoring.effortByTier().get(tier.wireName()), 1, 10, "scoring.effortByTier." + tier.wireName());
        }
        for (String key : scoring.effortByTier().keySet()) {
            try {
                DemandTier.fromWireName(key);
            } catch (IllegalArgumentException e) {
                fail("scoring.effortByTier." + key, "is not a demand tier");
            }
        }
        atLeast(maxEvidenceTickets, 0, "maxEvidenceTickets");
    }

    private static void positive(Duration d, String key) {
        require(d != null && !d.isNegative() && !d.isZero(), key, "must be a positive ISO-8601 duration, e.g. P30D");
    }

    private static void atLeast(Number value, double min, String key) {
        require(value != null, key, "is missing");
        require(value.doubleValue() >= min, key, "must be at least " + Measure.format(min) + ", was " + value);
    }

    private static void range(Double value, double min, double max, String key) {
        atLeast(value, min, key);
        require(value <= max, key, "must be at most " + Measure.format(max) + ", was " + value);
    }

    private static void share(Double value, String key) {
        range(value, 0, 1, key);
    }

    private static void require(boolean condition, String key, String problem) {
        if (!condition) {
            fail(key, problem);
        }
    }

    private static void fail(String key, String problem) {
        throw new MissingConfigurationException("configuration section '" + SECTION + "' at " + key + ": " + problem);
    }
}

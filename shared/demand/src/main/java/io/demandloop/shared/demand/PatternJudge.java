package io.demandloop.shared.demand;

import io.demandloop.shared.decision.DemandId;
import io.demandloop.shared.demand.ServiceFacts.IncidentGroup;
import io.demandloop.shared.demand.ServiceFacts.RequestGroup;
import io.demandloop.shared.stats.IntervalEstimate;
import io.demandloop.shared.stats.RateRatioTest;
import io.demandloop.shared.ticket.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The pattern judges of the demand evaluation: for one service's {@link ServiceFacts} in one window, a
 * {@link PatternJudgement} per candidate pattern (each incident group, each request type, the service's change and
 * SLA risk, its alert noise), each judged against the five criteria with thresholds scaled to the window and rates
 * against the {@link Organisation}'s baselines (exact tests). Pure; docs/demand.md has the criteria.
 */
final class PatternJudge {

    private final DemandConfig config;
    private final DemandScorer scorer;

    PatternJudge(DemandConfig config, DemandScorer scorer) {
        this.config = Objects.requireNonNull(config, "config");
        this.scorer = Objects.requireNonNull(scorer, "scorer");
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

    /** Every candidate pattern of the service in the facts' window, judged. */
    List<PatternJudgement> judge(ServiceFacts facts, Organisation organisation, Instant dataStart) {
        List<PatternJudgement> judgements = new ArrayList<>();
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

    private PatternJudgement incidentGroup(ServiceFacts facts, CriterionResult critical, IncidentGroup group,
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
        return PatternJudgement.builder(facts, DemandId.RECURRING_INCIDENTS + "#" + group.key())
                .criteria(criteria).counts(n, group.previousCount()).figures(figures).tickets(group.incidents())
                .summary(summary).impact(scorer.tierImpact(facts.tier())).risk(riskScore).userExperience(ux)
                .volume(n).severity(group.majorIncidents()).hours(group.effortHours()).share(share)
                .breadth(group.incidents().stream().map(Ticket::department)
                        .filter(d -> d != null && !d.isBlank()).distinct().count())
                .incidentGroup(group.dimension(), group.incidents().stream().map(Ticket::key).collect(Collectors.toSet()),
                        describe(group))
                .build(scorer);
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

    private PatternJudgement requestGroup(ServiceFacts facts, CriterionResult critical, RequestGroup group) {
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
        double impact = Math.max(scorer.tierImpact(facts.tier()), Math.min(10, 2.0 * departments));
        double ux = Math.min(10, 5.0 * Math.max((double) n / config.scaledCount(un.minRequests(), length),
                group.medianFulfilmentHours() == null ? 0 : group.medianFulfilmentHours() / Math.max(un.minMedianFulfilmentHours(), 1)));
        int serviceRequests = facts.requests().stream().mapToInt(r -> r.requests().size()).sum();
        return PatternJudgement.builder(facts, DemandId.REQUEST_DEMAND + "#category:" + group.category())
                .criteria(criteria).counts(n, group.previousCount()).figures(figures).tickets(group.requests())
                .summary(summary).impact(impact).userExperience(ux)
                .volume(n).breadth(departments).hours(group.effortHours())
                .share(serviceRequests == 0 ? 0 : (double) n / serviceRequests)
                .build(scorer);
    }

    private PatternJudgement serviceRisk(ServiceFacts facts, CriterionResult critical, Organisation organisation) {
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
        return PatternJudgement.builder(facts, DemandId.SERVICE_RISK)
                .criteria(criteria)
                .counts(changes.failed() + facts.slaBreaches(), changes.previousFailed() + facts.previousSlaBreaches())
                .figures(figures).tickets(changes.failedChanges()).summary(summary)
                .impact(scorer.tierImpact(facts.tier())).risk(riskScore).userExperience(ux)
                .volume(facts.slaBreaches()).severity(changes.failed()).share(serviceRate)
                .build(scorer);
    }

    private PatternJudgement alertNoise(ServiceFacts facts, CriterionResult critical) {
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
        return PatternJudgement.builder(facts, DemandId.ALERT_NOISE)
                .criteria(criteria).observations(List.of(episodes, perEpisode, flapping), noisy)
                .counts(alerts.episodes(), alerts.previousEpisodes()).figures(figures).episodes(alerts.recent())
                .summary(summary).impact(scorer.tierImpact(facts.tier()))
                .volume(alerts.episodes())
                .build(scorer);
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
}

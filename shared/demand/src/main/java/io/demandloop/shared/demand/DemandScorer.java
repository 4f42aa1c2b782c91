package io.demandloop.shared.demand;

import io.demandloop.shared.demand.DemandRecord.Scores;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The demand evaluation's scorer: the tier the decision rules ({@code demand.rules}) give the criteria a pattern
 * meets, its score inside the tier's band, and the cost-of-delay figures and WSJF (docs/demand.md, "Scoring" and
 * "Decision rules"). Pure.
 */
final class DemandScorer {

    private static final String FALLBACK_REASON =
            "no decision rule matched: normal service management handles it (tune, monitor, re-evaluate nightly)";

    private final DemandConfig config;

    DemandScorer(DemandConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The tier the decision rules give a pattern meeting {@code met}, and the reason. */
    Map.Entry<DemandTier, String> decide(Set<Criterion> met) {
        for (DemandConfig.Rule rule : config.rules()) {
            if (rule.matches(met)) {
                return Map.entry(rule.tier(), rule.reason() == null ? "rule " + rule.tier().wireName() : rule.reason());
            }
        }
        return Map.entry(DemandTier.STAY_IN_SERVICE_MANAGEMENT, FALLBACK_REASON);
    }

    /** The impact of a service's tier, 0-10 ({@code demand.scoring.tierImpact}). */
    double tierImpact(ServiceTier tier) {
        return config.scoring().tierImpact().get(tier.wireName());
    }

    /**
     * A judged pattern's numbers: its cost of delay (impact, risk and user experience, by the trend against the
     * window before), the effort of its tier, the score and WSJF.
     */
    Scored score(PatternJudgement j) {
        DemandConfig.Scoring scoring = config.scoring();
        double trend = Math.max(0.5, Math.min(2, (double) j.count() / Math.max(j.previous(), 1)));
        double costOfDelay = Math.min(10, (j.impact() + j.risk() + j.userExperience()) / 3 * trend);
        double effort = scoring.effortByTier().get(j.tier().wireName());
        double score = score(j.tier(), j.impact(), j.volume(), j.severity(), j.breadth(), j.hours(), j.share());
        Scores scores = new Scores(Measure.round2(j.impact()), Measure.round2(j.risk()),
                Measure.round2(j.userExperience()), Measure.round2(costOfDelay), Measure.round2(effort));
        return new Scored(round4(score), Measure.round2(costOfDelay / effort), scores);
    }

    /**
     * A judged pattern's numbers as its record gives them.
     *
     * @param score  {@link #score(DemandTier, double, double, double, double, double, double)}, four decimals
     * @param wsjf   cost of delay over effort, two decimals
     * @param scores the cost-of-delay parts and the effort, two decimals
     */
    record Scored(double score, double wsjf, Scores scores) {
    }

    /** The score (0-10) of {@link DemandEvaluator#score}: the tier's band plus the strength's share of it. */
    double score(DemandTier tier, double impact, double volume, double severity, double breadth, double hours,
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
}

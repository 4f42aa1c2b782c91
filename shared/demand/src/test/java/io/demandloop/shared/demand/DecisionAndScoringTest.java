package io.demandloop.shared.demand;

import static io.demandloop.shared.demand.Criterion.CRITICAL_SERVICE;
import static io.demandloop.shared.demand.Criterion.INTRODUCES_RISK;
import static io.demandloop.shared.demand.Criterion.MANUAL_EFFORT;
import static io.demandloop.shared.demand.Criterion.REPEATED_DISRUPTION;
import static io.demandloop.shared.demand.Criterion.UNMET_NEED;
import static io.demandloop.shared.demand.DemandFixtures.evaluate;
import static io.demandloop.shared.demand.DemandFixtures.evaluator;
import static io.demandloop.shared.demand.DemandFixtures.incidents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The default decision rules, a configured rule list, the score and WSJF (score properties: ScorePropertiesTest). */
class DecisionAndScoringTest {

    private static DemandTier tier(Set<Criterion> met) {
        return evaluator().decide(met).getKey();
    }

    @Test
    void decide_shouldSendUnmetNeedWithASecondCriterion_toPortfolioReview() {
        assertThat(tier(EnumSet.of(UNMET_NEED, MANUAL_EFFORT))).isEqualTo(DemandTier.PORTFOLIO_REVIEW);
        assertThat(tier(EnumSet.of(UNMET_NEED, CRITICAL_SERVICE))).isEqualTo(DemandTier.PORTFOLIO_REVIEW);
    }

    @Test
    void decide_shouldSendRepeatedDisruptionOfACriticalOrRiskyService_toInitiative() {
        assertThat(tier(EnumSet.of(REPEATED_DISRUPTION, CRITICAL_SERVICE))).isEqualTo(DemandTier.INITIATIVE);
        assertThat(tier(EnumSet.of(REPEATED_DISRUPTION, INTRODUCES_RISK))).isEqualTo(DemandTier.INITIATIVE);
        assertThat(tier(EnumSet.of(REPEATED_DISRUPTION, MANUAL_EFFORT))).isEqualTo(DemandTier.PROCESS_IMPROVEMENT);
    }

    @Test
    void decide_shouldSendASingleCriterion_toProcessImprovement() {
        for (Criterion criterion : EnumSet.of(REPEATED_DISRUPTION, MANUAL_EFFORT, INTRODUCES_RISK, UNMET_NEED)) {
            assertThat(tier(EnumSet.of(criterion))).as(criterion.wireName()).isEqualTo(DemandTier.PROCESS_IMPROVEMENT);
        }
    }

    @Test
    void decide_shouldKeepACriticalServiceAlone_orNothing_inServiceManagement() {
        assertThat(tier(EnumSet.of(CRITICAL_SERVICE))).isEqualTo(DemandTier.STAY_IN_SERVICE_MANAGEMENT);
        assertThat(tier(EnumSet.noneOf(Criterion.class))).isEqualTo(DemandTier.STAY_IN_SERVICE_MANAGEMENT);
    }

    @Test
    void decide_shouldFollowAConfiguredRuleList_firstMatchWins() {
        // GIVEN rules that send any three criteria to portfolio review, and nothing else anywhere
        DemandEvaluator evaluator = evaluator(DemandFixtures.CONFIG_YAML + """
                  rules:
                    - {tier: portfolio-review, minCriteria: 3, reason: three at once}
                """);

        assertThat(evaluator.decide(EnumSet.of(CRITICAL_SERVICE, REPEATED_DISRUPTION, INTRODUCES_RISK)))
                .isEqualTo(java.util.Map.entry(DemandTier.PORTFOLIO_REVIEW, "three at once"));
        assertThat(evaluator.decide(EnumSet.of(UNMET_NEED, MANUAL_EFFORT)).getKey())
                .isEqualTo(DemandTier.STAY_IN_SERVICE_MANAGEMENT);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void score_shouldBeTheTiersBandPlusItsStrength_andWsjfCostOfDelayOverEffort() {
        // GIVEN 6 P2 incidents of one category on a medium service, 30 minutes each, all from Finance: repeated
        // disruption and risk -> initiative
        DemandRecord record = evaluate(incidents(6, "mailflow", 2)).get(0);
        DemandRecord.Scores s = record.scores();

        // THEN the components by their definitions (docs/demand.md#scoring), kept for WSJF
        assertThat(record.tier()).isEqualTo(DemandTier.INITIATIVE);
        assertThat(s.impact()).isEqualTo(4.0);                       // tierImpact.medium
        assertThat(s.risk()).isEqualTo(10.0);                        // all 6 major
        assertThat(s.userExperience()).isEqualTo(7.5);               // 5 x 6 / 4
        assertThat(s.costOfDelay()).isEqualTo(10.0);                 // mean 7.17 x trend 2 (6 vs none), capped
        assertThat(s.effort()).isEqualTo(6.0);                       // effortByTier.initiative
        assertThat(record.wsjf()).isEqualTo(1.67);                   // 10 / 6, two decimals
        // and the score: the initiative band (2.5 x 2) plus 2.5 x strength / (strength + 8), where strength =
        // impact 4/10 + log2(1 + 6 incidents) + log2(1 + 6 majors) + log2(1 + 1 department) + 0.25 x log2(1 + 3 h)
        // + the share of the service, 1
        double strength = 0.4 + log2(7) + log2(7) + log2(2) + 0.25 * log2(4) + 1;
        double expected = 2.5 * (2 + strength / (strength + 8));
        assertThat(record.score()).isCloseTo(expected, within(0.00005));
        assertThat(record.score()).isEqualTo(BigDecimalScale.four(expected));
    }

    @Test
    void score_shouldFollowTheConfiguredStrengthWeights() {
        // GIVEN a strength of the service tier's impact alone, half-way at 0.4
        DemandEvaluator impactOnly = evaluator(DemandFixtures.CONFIG_YAML + """
                  scoring:
                    strength: {impact: 1, volume: 0, severity: 0, breadth: 0, hours: 0, share: 0, halfAt: 0.4}
                """);

        DemandRecord record = impactOnly.evaluate(new DemandInputs(DemandFixtures.AS_OF,
                DemandFixtures.withOrganisation(incidents(6, "mailflow", 2)),
                java.util.List.of(), java.util.List.of(), java.util.Map.of())).get(0);

        // THEN the initiative band plus half of it: impact 4/10 is exactly halfAt
        assertThat(record.tier()).isEqualTo(DemandTier.INITIATIVE);
        assertThat(record.score()).isEqualTo(6.25);
    }

    /** Half-up rounding to four decimals, as the records keep scores. */
    private static final class BigDecimalScale {
        static double four(double value) {
            return java.math.BigDecimal.valueOf(value).setScale(4, java.math.RoundingMode.HALF_UP).doubleValue();
        }
    }

    @Test
    void explanation_shouldSayWhatHappenedWhichCriteriaAndWhatTheTierMeans() {
        DemandRecord record = evaluate(incidents(6, "mailflow", 2)).get(0);

        assertThat(record.explanation())
                .startsWith("Email (medium tier, team messaging): 6 incidents sharing category 'mailflow' in the 30d to 2026-06-01"
                        + " (100 % of the service's 6; 0 in the 30d before)")
                .contains("Criteria met: repeated disruption (incidents 6 >= 4")
                .contains("introduces risk (major incidents (P1-P2) 6 >= 2, % of them major 100 >= 10, % of them major"
                        + " against the organisation's")
                .contains("Tier initiative: repeated disruption of a critical service, or one that brings risk")
                .contains("% of the capacity of team messaging")
                .contains("See INC");
    }
}

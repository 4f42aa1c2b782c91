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

/** The default decision rules, a configured rule list, the score and WSJF. */
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

    @Test
    void score_shouldBeTheWeightedMeanOfItsComponents_andWsjfCostOfDelayOverEffort() {
        // GIVEN 6 P2 incidents of one category on a medium service: repeated disruption and risk -> initiative
        DemandRecord record = evaluate(incidents(6, "mailflow", 2)).get(0);
        DemandRecord.Scores s = record.scores();

        // THEN components by their definitions (docs/demand.md#scoring)
        assertThat(record.tier()).isEqualTo(DemandTier.INITIATIVE);
        assertThat(s.impact()).isEqualTo(4.0);                       // tierImpact.medium
        assertThat(s.risk()).isEqualTo(10.0);                        // all 6 major
        assertThat(s.userExperience()).isEqualTo(7.5);               // 5 x 6 / 4
        assertThat(s.costOfDelay()).isEqualTo(10.0);                 // mean 7.17 x trend 2 (6 vs none), capped
        assertThat(s.effort()).isEqualTo(6.0);                       // effortByTier.initiative
        double expected = (3 * 4.0 + 2 * 10.0 + 2 * 7.5 + 2 * 10.0 + 1 * (10 - 6.0)) / 10;
        assertThat(record.score()).isCloseTo(expected, within(0.005));
        assertThat(record.wsjf()).isEqualTo(1.67);                   // 10 / 6, two decimals
    }

    @Test
    void score_shouldFollowTheConfiguredWeights() {
        DemandEvaluator impactOnly = evaluator(DemandFixtures.CONFIG_YAML + """
                  scoring:
                    weights: {impact: 1, risk: 0, userExperience: 0, costOfDelay: 0, effort: 0}
                """);

        DemandRecord record = impactOnly.evaluate(new DemandInputs(DemandFixtures.AS_OF, incidents(6, "mailflow", 2),
                java.util.List.of(), java.util.List.of(), java.util.Map.of())).get(0);

        assertThat(record.score()).isEqualTo(record.scores().impact());
    }

    @Test
    void explanation_shouldSayWhatHappenedWhichCriteriaAndWhatTheTierMeans() {
        DemandRecord record = evaluate(incidents(6, "mailflow", 2)).get(0);

        assertThat(record.explanation())
                .startsWith("Email (medium tier, team messaging): 6 incidents sharing category 'mailflow' in the 30d to 2026-06-01"
                        + " (100 % of the service's 6; 0 in the 30d before)")
                .contains("Criteria met: repeated disruption (incidents 6 >= 4")
                .contains("introduces risk (major incidents (P1-P2) 6 >= 2, % of them major 100 >= 10)")
                .contains("Tier initiative: repeated disruption of a critical service, or one that brings risk")
                .contains("% of the capacity of team messaging")
                .contains("See INC");
    }
}

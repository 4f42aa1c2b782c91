package io.demandloop.shared.demand;

import static io.demandloop.shared.demand.DemandFixtures.daysAgo;
import static io.demandloop.shared.demand.DemandFixtures.evaluate;
import static io.demandloop.shared.demand.DemandFixtures.evaluator;
import static org.assertj.core.api.Assertions.assertThat;

import io.demandloop.shared.ticket.Ticket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The score's properties (issue 14): monotone in volume, severity and breadth (more never scores lower, all else
 * equal), and the tier order respected whatever the strength. No ties among the reference log's groups:
 * ReferenceLogTest.
 */
class ScorePropertiesTest {

    private static final String PATTERN = "recurring-incidents#category:mailflow";
    private static final String[] DEPARTMENTS = {"Finance", "HR", "Sales", "Legal", "Operations", "Marketing"};

    /** {@code n} incidents of 'mailflow', {@code majors} of them P2, the rest P3, from {@code departments} departments. */
    private static List<Ticket> group(int n, int majors, int departments) {
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Ticket t = DemandFixtures.incident("mailflow", i < majors ? 2 : 3, daysAgo(1 + i * 0.5));
            tickets.add(t.toBuilder().department(DEPARTMENTS[i % departments]).build());
        }
        return tickets;
    }

    private static DemandRecord record(List<Ticket> tickets) {
        return evaluate(tickets).stream().filter(r -> r.pattern().equals(PATTERN)).findFirst().orElseThrow();
    }

    /** Each step of {@code from} to {@code to} gives the same tier and a strictly higher score than the one before. */
    private static void assertRising(int from, int to, IntFunction<List<Ticket>> tickets) {
        DemandRecord previous = record(tickets.apply(from));
        for (int x = from + 1; x <= to; x++) {
            DemandRecord next = record(tickets.apply(x));
            assertThat(next.tier()).as("tier at " + x).isEqualTo(previous.tier());
            assertThat(next.score()).as("score at " + x).isGreaterThan(previous.score());
            previous = next;
        }
    }

    @Test
    void score_shouldRiseWithEveryIncidentMore_allElseEqual() {
        // 4 to 19 P3 incidents of one category from one department: process improvements, each scoring above the last
        assertRising(4, 19, n -> group(n, 0, 1));
    }

    @Test
    void score_shouldRiseWithEveryMajorIncidentMore_allElseEqual() {
        // 12 incidents, 5 to 12 of them P2: initiatives (risky from 5 majors of 12 against the organisation's none)
        assertRising(5, 12, majors -> group(12, majors, 1));
    }

    @Test
    void score_shouldRiseWithEveryDepartmentMore_allElseEqual() {
        // 12 P3 incidents from 1 to 6 departments
        assertRising(1, 6, departments -> group(12, 0, departments));
    }

    @Test
    void score_shouldRiseInEachInput_andStayInItsTiersBand_fromNothingToHuge() {
        DemandEvaluator evaluator = evaluator();
        double[] values = {0, 1, 2, 10, 100, 1e4, 1e6};
        for (DemandTier tier : DemandTier.values()) {
            double bandStart = 2.5 * tier.ordinal();
            for (int input = 0; input < 6; input++) {
                double previous = -1;
                for (double v : values) {
                    double[] x = {4, 5, 1, 1, 10, 0.5};
                    x[input] = input == 0 ? Math.min(v, 10) : input == 5 ? Math.min(v, 1) : v;
                    double score = evaluator.score(tier, x[0], x[1], x[2], x[3], x[4], x[5]);
                    assertThat(score).as(tier + " input " + input + " at " + v)
                            .isGreaterThanOrEqualTo(bandStart).isLessThan(bandStart + 2.5);
                    assertThat(score).as(tier + " input " + input + " at " + v).isGreaterThanOrEqualTo(previous);
                    previous = score;
                }
            }
        }
    }

    @Test
    void score_shouldNeverLetALowerTierOutrankAHigherOne_whateverTheStrength() {
        DemandEvaluator evaluator = evaluator();
        DemandTier[] tiers = DemandTier.values();
        for (int t = 1; t < tiers.length; t++) {
            double strongestBelow = evaluator.score(tiers[t - 1], 10, 1e9, 1e9, 1e9, 1e9, 1);
            double weakestAbove = evaluator.score(tiers[t], 0, 0, 0, 0, 0, 0);
            assertThat(weakestAbove).as(tiers[t] + " over " + tiers[t - 1]).isGreaterThan(strongestBelow);
        }
    }
}

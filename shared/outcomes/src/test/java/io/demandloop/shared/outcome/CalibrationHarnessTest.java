package io.demandloop.shared.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A small seeded run of {@link CalibrationHarness} (300 worlds per scenario instead of the 2,000 of docs/outcomes.md),
 * asserting the same properties.
 *
 * <p>The bounds of docs/outcomes.md are about the true shares; a share observed over n worlds carries a standard
 * error of {@code sqrt(s (1 - s) / n)}: 1.3 points at 5 % and 300 worlds. So each simulated share is held to its bound
 * widened by two such standard errors (the documented bound for 2,000 worlds is itself about two of theirs). The
 * theoretical figures (power and coverage summed from the distributions) carry no sampling error and are held to the
 * bounds as they are.
 */
class CalibrationHarnessTest {

    private static final int WORLDS = 300;

    private static double twoStandardErrors(double share) {
        return 2 * Math.sqrt(share * (1 - share) / WORLDS);
    }

    @Test
    void run_shouldBeCalibrated_onASmallSeededSample() {
        // WHEN
        CalibrationHarness.Report report = CalibrationHarness.run(WORLDS, 11);

        // THEN no effect: a false "improved" at most 5 %, with controls too
        assertThat(report.falseImprovedNoEffect()).isLessThanOrEqualTo(0.05 + twoStandardErrors(0.05));
        assertThat(report.falseImprovedNoEffectControls()).isLessThanOrEqualTo(0.05 + twoStandardErrors(0.05));
        // regression to the mean: our baseline at most 5 % false "improved" and no downward bias (a pooled change of
        // some 2,000 events a side has a standard error of about 3 %), while the naive baseline shows a fall
        assertThat(report.rtmWorldsRaised()).isGreaterThan(WORLDS * 9 / 10);
        assertThat(report.falseImprovedRtm()).isLessThanOrEqualTo(0.05 + twoStandardErrors(0.05));
        assertThat(report.pooledChangeRtm()).isGreaterThan(-0.06);
        assertThat(report.pooledChangeRtmNaive()).isLessThan(-0.06).isLessThan(report.pooledChangeRtm() - 0.10);
        // power: at least 90 % at 10 a week, and at 5 a week within 3 points of the exact test's theoretical power
        assertThat(report.theoreticalPower10()).isGreaterThanOrEqualTo(0.90);
        assertThat(report.power10()).isGreaterThanOrEqualTo(0.90 - twoStandardErrors(0.90));
        assertThat(report.power5()).isCloseTo(report.theoreticalPower5(),
                org.assertj.core.data.Offset.offset(0.03 + twoStandardErrors(report.theoreticalPower5())));
        // coverage of the planted truth: 94-96 %
        assertThat(report.theoreticalCoverage()).isBetween(0.94, 0.96);
        assertThat(report.coverage()).isBetween(0.94 - twoStandardErrors(0.95), 0.96 + twoStandardErrors(0.95));
        assertThat(report.coverageControls()).isBetween(0.94 - twoStandardErrors(0.95), 0.96 + twoStandardErrors(0.95));
    }

    @Test
    void repeatedDisruption_shouldFollowTheDemandRule_countOrRising() {
        // 3 in the last 30 days after 1 in the 30 before: rising (3 >= 3 and x3 >= x2)
        int[] cumulative = cumulativeOf(200, new int[] {120, 140, 150, 160});
        assertThat(CalibrationHarness.repeatedDisruption(cumulative, 170, 30)).isTrue();
        // 3 after 2: not rising (x1.5), and under 4
        cumulative = cumulativeOf(200, new int[] {115, 120, 140, 150, 160});
        assertThat(CalibrationHarness.repeatedDisruption(cumulative, 170, 30)).isFalse();
        // 3 after none: a group new in the window is judged by its count alone
        cumulative = cumulativeOf(200, new int[] {140, 150, 160});
        assertThat(CalibrationHarness.repeatedDisruption(cumulative, 170, 30)).isFalse();
        // 4 in 30 days: the count
        cumulative = cumulativeOf(200, new int[] {141, 145, 150, 160});
        assertThat(CalibrationHarness.repeatedDisruption(cumulative, 170, 30)).isTrue();
        // the 90-day window needs 12 (4 per 30 days, scaled)
        cumulative = cumulativeOf(200, new int[] {81, 85, 90, 100, 101, 110, 120, 121, 130, 140, 150});
        assertThat(CalibrationHarness.repeatedDisruption(cumulative, 170, 90)).isFalse();
    }

    private static int[] cumulativeOf(int days, int[] eventDays) {
        int[] daily = new int[days];
        for (int d : eventDays) {
            daily[d]++;
        }
        int[] cumulative = new int[days + 1];
        for (int d = 0; d < days; d++) {
            cumulative[d + 1] = cumulative[d] + daily[d];
        }
        return cumulative;
    }
}

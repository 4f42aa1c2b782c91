package io.demandloop.shared.demand;

import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.BinomialTest;

/**
 * The exact tests the demand evaluation judges against a baseline with (Apache Commons Statistics' exact binomial
 * test; no hand-written distribution). Both are one-sided: the evaluation asks whether a pattern stands out above
 * its baseline, never whether it differs either way.
 */
final class ExactTests {

    private static final BinomialTest GREATER = BinomialTest.withDefaults().with(AlternativeHypothesis.GREATER_THAN);

    private ExactTests() {
    }

    /**
     * The p-value of "more than {@code share} of the {@code trials} are successes", having seen {@code successes}:
     * e.g. a service whose tickets miss their SLA more often than the organisation's rate plus a margin.
     */
    static double shareAbove(int successes, int trials, double share) {
        if (trials <= 0) {
            return 1;
        }
        double p = Math.max(0, Math.min(1, share));
        return GREATER.test(trials, Math.min(successes, trials), p).getPValue();
    }

    /**
     * The exact conditional rate-ratio test, one-sided (rate 1 above rate 2): given {@code x1 + x2} events, {@code x1}
     * is binomial with probability {@code t1 / (t1 + t2)} when the two rates are equal (as R's
     * {@code poisson.test(c(x1, x2), c(t1, t2), alternative = "greater")}). The p-value; 1 when there is no event or no
     * exposure.
     */
    static double rateAbove(int x1, double t1, int x2, double t2) {
        if (x1 + x2 == 0 || t1 <= 0 || t2 <= 0) {
            return 1;
        }
        return GREATER.test(x1 + x2, x1, t1 / (t1 + t2)).getPValue();
    }
}

package io.demandloop.shared.demand;

import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.BinomialTest;

/**
 * The exact share test the demand evaluation judges against a baseline with (Apache Commons Statistics' exact binomial
 * test; no hand-written distribution; rises use the shared {@code RateRatioTest}). One-sided: the evaluation asks whether a pattern stands out above
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
}

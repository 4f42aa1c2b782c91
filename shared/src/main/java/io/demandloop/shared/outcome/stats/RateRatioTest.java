package io.demandloop.shared.outcome.stats;

/**
 * The exact conditional test of two Poisson rates, with the semantics of R's
 * {@code poisson.test(c(x1, x2), c(t1, t2), conf.level = confLevel)}: conditional on {@code x1 + x2}, {@code x1} is
 * binomial; the two-sided p-value is by the minimum-likelihood method (as {@code binom.test}), not twice the smaller
 * tail; the interval is Clopper-Pearson's, mapped to the rate ratio. Distributions from Apache Commons Statistics.
 */
public final class RateRatioTest {

    private RateRatioTest() {
    }

    /**
     * Compares rate {@code x1 / t1} with rate {@code x2 / t2}.
     *
     * @return the rate ratio {@code (x1/t1) / (x2/t2)} with its interval and p-value (against ratio 1)
     */
    public static IntervalEstimate test(long x1, double t1, long x2, double t2, double confLevel) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}

package io.demandloop.shared.stats;

import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * The exact conditional test of two Poisson rates, with the semantics of R's
 * {@code poisson.test(c(x1, x2), c(t1, t2), conf.level = confLevel)}: conditional on {@code x1 + x2}, {@code x1} is
 * binomial; the two-sided p-value is by the minimum-likelihood method (as {@code binom.test}), not twice the smaller
 * tail; the interval is Clopper-Pearson's, mapped to the rate ratio. Distributions from Apache Commons Statistics.
 *
 * <p>Where R answers {@code Inf} or {@code NaN} the result holds null, so that no infinity or NaN reaches JSON or a
 * verdict: the estimate is null when {@code x2 = 0} (R: {@code Inf}, or {@code NaN} when both are 0); the upper bound
 * is null when {@code x2 = 0} (R: {@code Inf}, the interval is unbounded above). With {@code x1 = x2 = 0} there is no
 * information at all: estimate null, interval from 0 to unbounded (upper null), p-value 1, exactly as R's
 * {@code 0 Inf} and {@code p = 1}; that is an answer ("no data"), not an error.
 */
public final class RateRatioTest {

    /** binom.test's relative tolerance when it compares the densities of other outcomes with the observed one. */
    private static final double RELATIVE_ERROR = 1 + 1e-7;

    private RateRatioTest() {
    }

    /**
     * Compares rate {@code x1 / t1} with rate {@code x2 / t2}.
     *
     * @return the rate ratio {@code (x1/t1) / (x2/t2)} with its interval and p-value (against ratio 1); null
     *         components where R gives {@code Inf} or {@code NaN} (see the class comment)
     * @throws IllegalArgumentException when a count is negative, an exposure is not positive and finite, or the
     *                                  confidence level is not in (0, 1)
     */
    public static IntervalEstimate test(long x1, double t1, long x2, double t2, double confLevel) {
        require(x1 >= 0, "x1", "a count must not be negative, was " + x1);
        require(x2 >= 0, "x2", "a count must not be negative, was " + x2);
        require(t1 > 0 && Double.isFinite(t1), "t1", "an exposure must be positive and finite, was " + t1);
        require(t2 > 0 && Double.isFinite(t2), "t2", "an exposure must be positive and finite, was " + t2);
        require(confLevel > 0 && confLevel < 1, "confLevel", "must lie in (0, 1), was " + confLevel);
        long total = Math.addExact(x1, x2);
        require(total <= Integer.MAX_VALUE, "x1 + x2", "too large for the binomial test, was " + total);
        int n = (int) total;
        int x = (int) x1;
        // Under ratio 1, x1 given x1 + x2 is binomial with p = t1 / (t1 + t2); the same expression as R's.
        double p = t1 / (t1 + t2);
        double pValue = twoSidedPValue(x, n, p);

        double alpha = (1 - confLevel) / 2;
        double lowerP = x == 0 ? 0 : BetaDistribution.of(x, n - x + 1.0).inverseCumulativeProbability(alpha);
        double upperP = x == n ? 1 : BetaDistribution.of(x + 1.0, n - x).inverseCumulativeProbability(1 - alpha);
        Double lower = lowerP / (1 - lowerP) * t2 / t1;
        Double upper = upperP == 1 ? null : upperP / (1 - upperP) * t2 / t1;
        Double estimate = x2 == 0 ? null : (x1 / t1) / (x2 / t2);
        return new IntervalEstimate(estimate, lower, upper, pValue);
    }

    /** binom.test's two-sided p-value: the probability of every outcome no more likely than the observed one. */
    static double twoSidedPValue(int x, int n, double p) {
        // p is strictly inside (0, 1) here since both exposures are positive and finite; n = 0 gives x == m below.
        BinomialDistribution binomial = BinomialDistribution.of(n, p);
        double d = binomial.probability(x);
        double m = n * p;
        double pValue;
        if (x == m) {
            pValue = 1;
        } else if (x < m) {
            // y = #{i in [ceil(m), n] : f(i) <= d (1 + 1e-7)}; f does not increase from ceil(m) on (the mode is at
            // most ceil(m)), so those i are a tail [j, n], found by bisection instead of R's scan of every i
            int from = (int) Math.ceil(m);
            int j = firstAtMost(binomial, from, n, d * RELATIVE_ERROR, true);
            int y = n - j + 1;
            pValue = lowerTail(binomial, x) + upperTail(binomial, n - y + 1, n);
        } else {
            // y = #{i in [0, floor(m)] : f(i) <= d (1 + 1e-7)}; f does not decrease up to floor(m): a head [0, y - 1]
            int to = (int) Math.floor(m);
            int y = firstAtMost(binomial, 0, to, d * RELATIVE_ERROR, false);
            pValue = lowerTail(binomial, y - 1) + upperTail(binomial, x, n);
        }
        return Math.min(1, pValue);
    }

    /**
     * On a side where f is monotone: with {@code fromTheRight} false, the number of leading i in [lo, hi] with
     * f(i) <= limit (f not decreasing there); with it true, the first i in [lo, hi] from which f(i) <= limit holds to
     * hi (f not increasing there), hi + 1 when none.
     */
    private static int firstAtMost(BinomialDistribution binomial, int lo, int hi, double limit, boolean fromTheRight) {
        if (fromTheRight) {
            int a = lo;
            int b = hi + 1;
            while (a < b) {
                int mid = (a + b) >>> 1;
                if (binomial.probability(mid) <= limit) {
                    b = mid;
                } else {
                    a = mid + 1;
                }
            }
            return a;
        }
        int a = lo;
        int b = hi + 1;
        while (a < b) {
            int mid = (a + b) >>> 1;
            if (binomial.probability(mid) <= limit) {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        return a - lo;
    }

    /*
     * Below about 1e-290 the library's cumulative probability (a regularised beta) loses its precision or underflows
     * to 0 in Commons Statistics 1.1 (e.g. P(X <= 20) of binomial(1020, 0.545): 0 against R's 1.06e-306), while the
     * sum of its mass function still matches R's pbinom. So a tail the library puts below TINY is summed term by
     * term (at most n + 1 terms, smallest first); above it the library's value is used as it is.
     */
    private static final double TINY = 1e-250;

    /** P(X <= k). */
    private static double lowerTail(BinomialDistribution binomial, int k) {
        double tail = binomial.cumulativeProbability(k);
        if (tail >= TINY || k < 0) {
            return tail;
        }
        // the terms grow towards k (k lies below the mean here), so summing from 0 adds the smallest first
        double sum = 0;
        for (int i = 0; i <= k; i++) {
            sum += binomial.probability(i);
        }
        return sum;
    }

    /** P(from <= X <= n). */
    private static double upperTail(BinomialDistribution binomial, int from, int n) {
        double tail = binomial.survivalProbability(from - 1);
        if (tail >= TINY || from > n) {
            return tail;
        }
        // the terms shrink towards n (from lies above the mean), so summing from n down adds the smallest first
        double sum = 0;
        for (int i = n; i >= Math.max(from, 0); i--) {
            sum += binomial.probability(i);
        }
        return sum;
    }

    private static void require(boolean condition, String field, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(field + ": " + problem);
        }
    }
}

package io.demandloop.shared.stats;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The Hodges-Lehmann estimate of the location shift between two samples with its interval and p-value, as R's
 * {@code wilcox.test(x, y, conf.int = TRUE, conf.level = confLevel)} reports them (exact without ties for samples
 * under 50, else the normal approximation with continuity correction).
 *
 * <p>Exact (both samples under 50, no tie anywhere in the pooled sample): the p-value and the interval's order
 * statistics of the pairwise differences come from the null distribution of the rank-sum statistic, counted exactly
 * (the number of arrangements with each value of the Mann-Whitney statistic, by the same recurrence as R's
 * {@code cwilcox}: a count, not a special function); the estimate is the median of the pairwise differences.
 *
 * <p>Normal approximation (otherwise): the p-value with R's tie-corrected variance and continuity correction; the
 * interval's ends are where the standardised statistic of {@code x - d} against {@code y} crosses the normal
 * quantiles, and the estimate where it crosses 0 (without correction). That statistic is a step function of
 * {@code d}, so there is no exact root: R stops its root finder ({@code uniroot}, Brent's method, {@code tol =
 * 1e-4}) somewhere within that tolerance of the step. To agree with R to far better than 1e-4 we run the same
 * algorithm with the same tolerance and the same start (R's {@code zeroin}: Brent's 1973 method with its
 * interpolation rules), so both stop at the same abscissa. The answer is therefore R's, including its imprecision of
 * up to about 1e-4 (in the samples' unit) against the exact step position.
 *
 * <p>When every observation of both samples is equal there is no interval (R fails): all components are null.
 */
public final class HodgesLehmann {

    /** R's {@code tol.root} default. */
    private static final double ROOT_TOLERANCE = 1e-4;
    /** R's {@code uniroot} default {@code maxiter}. */
    private static final int MAX_ITERATIONS = 1000;
    /** Samples at least this large use the normal approximation, as R's default {@code exact}. */
    private static final int EXACT_LIMIT = 50;

    private HodgesLehmann() {
    }

    /**
     * The shift of {@code x} against {@code y} (positive when {@code x} lies higher).
     *
     * @throws IllegalArgumentException when a sample is missing or empty, a value is not finite, or the level is not
     *                                  in (0, 1)
     */
    public static IntervalEstimate shift(double[] x, double[] y, double confLevel) {
        requireSample("x", x);
        requireSample("y", y);
        if (!(confLevel > 0 && confLevel < 1)) {
            throw new IllegalArgumentException("confLevel: must lie in (0, 1), was " + confLevel);
        }
        double[] pooled = concat(x, y);
        double[] ranks = ranks(pooled);
        int nx = x.length;
        int ny = y.length;
        double statistic = sumFirst(ranks, nx) - nx * (nx + 1.0) / 2;
        boolean ties = Arrays.stream(pooled).distinct().count() != pooled.length;
        if (nx < EXACT_LIMIT && ny < EXACT_LIMIT && !ties) {
            return exact(x, y, statistic, confLevel);
        }
        return normal(x, y, confLevel);
    }

    private static IntervalEstimate exact(double[] x, double[] y, double statistic, double confLevel) {
        int nx = x.length;
        int ny = y.length;
        RankSumDistribution w = new RankSumDistribution(nx, ny);
        double half = nx * (double) ny / 2;
        double p = statistic > half ? w.upperTail(statistic - 1) : w.lowerTail(statistic);
        double pValue = Math.min(2 * p, 1);

        double alpha = 1 - confLevel;
        double[] diffs = new double[nx * ny];
        int k = 0;
        for (double xi : x) {
            for (double yj : y) {
                diffs[k++] = xi - yj;
            }
        }
        Arrays.sort(diffs);
        int qu = w.quantile(alpha / 2);
        if (qu == 0) {
            qu = 1;
        }
        int ql = nx * ny - qu;
        // R's diffs[qu] and diffs[ql + 1] are 1-based
        return new IntervalEstimate(median(diffs), diffs[qu - 1], diffs[ql], pValue);
    }

    private static IntervalEstimate normal(double[] x, double[] y, double confLevel) {
        int nx = x.length;
        int ny = y.length;
        if (Arrays.stream(concat(x, y)).distinct().count() == 1) {
            return new IntervalEstimate(null, null, null, null);
        }
        NormalDistribution normal = NormalDistribution.of(0, 1);
        double z0 = standardised(x, y, 0, true);
        double pValue = 2 * Math.min(normal.cumulativeProbability(z0), normal.survivalProbability(z0));

        double alpha = 1 - confLevel;
        double muMin = min(x) - max(y);
        double muMax = max(x) - min(y);
        DoubleUnaryOperator corrected = d -> standardised(x, y, d, true);
        double wMin = corrected.applyAsDouble(muMin);
        double wMax = corrected.applyAsDouble(muMax);
        double zUpper = normal.inverseSurvivalProbability(alpha / 2);
        double zLower = normal.inverseCumulativeProbability(alpha / 2);
        double lower = root(corrected, muMin, muMax, wMin, wMax, zUpper);
        double upper = root(corrected, muMin, muMax, wMin, wMax, zLower);

        DoubleUnaryOperator uncorrected = d -> standardised(x, y, d, false);
        double estimate = zeroin(uncorrected, muMin, muMax, uncorrected.applyAsDouble(muMin),
                uncorrected.applyAsDouble(muMax));
        return new IntervalEstimate(estimate, lower, upper, pValue);
    }

    /** R's {@code root(zq)} inside wilcox.test: the ends of the search range when the crossing lies outside it. */
    private static double root(DoubleUnaryOperator w, double muMin, double muMax, double wMin, double wMax, double zq) {
        double fLower = wMin - zq;
        if (fLower <= 0) {
            return muMin;
        }
        double fUpper = wMax - zq;
        if (fUpper >= 0) {
            return muMax;
        }
        return zeroin(d -> w.applyAsDouble(d) - zq, muMin, muMax, fLower, fUpper);
    }

    /**
     * The statistic of {@code x - d} against {@code y}, centred and divided by its tie-corrected standard deviation,
     * with the continuity correction when asked (R's {@code W(d)}).
     */
    private static double standardised(double[] x, double[] y, double d, boolean correct) {
        int nx = x.length;
        int ny = y.length;
        double[] shifted = new double[nx + ny];
        for (int i = 0; i < nx; i++) {
            shifted[i] = x[i] - d;
        }
        System.arraycopy(y, 0, shifted, nx, ny);
        double[] ranks = ranks(shifted);
        double dz = sumFirst(ranks, nx) - nx * (nx + 1.0) / 2 - nx * (double) ny / 2;
        double correction = correct ? Math.signum(dz) * 0.5 : 0;
        double n = nx + (double) ny;
        double sigma = Math.sqrt((nx * (double) ny / 12) * ((n + 1) - tieSum(shifted) / (n * (n - 1))));
        return (dz - correction) / sigma;
    }

    /**
     * Brent's root finder exactly as R's {@code uniroot} runs it ({@code R_zeroin2} with {@code tol = 1e-4},
     * {@code maxiter = 1000}): the same steps give the same stopping point on a step function.
     */
    static double zeroin(DoubleUnaryOperator f, double ax, double bx, double fax, double fbx) {
        if (!(ax < bx)) {
            throw new IllegalArgumentException("the search range is empty: " + ax + " to " + bx);
        }
        if (fax * fbx > 0) {
            throw new IllegalArgumentException("no sign change between " + ax + " and " + bx);
        }
        double a = ax;
        double b = bx;
        double fa = fax;
        double fb = fbx;
        double c = a;
        double fc = fa;
        if (fa == 0) {
            return a;
        }
        if (fb == 0) {
            return b;
        }
        double epsilon = Math.ulp(1.0);
        for (int iteration = 0; iteration <= MAX_ITERATIONS; iteration++) {
            double previousStep = b - a;
            if (Math.abs(fc) < Math.abs(fb)) {
                a = b;
                b = c;
                c = a;
                fa = fb;
                fb = fc;
                fc = fa;
            }
            double tolerance = 2 * epsilon * Math.abs(b) + ROOT_TOLERANCE / 2;
            double step = (c - b) / 2;
            if (Math.abs(step) <= tolerance || fb == 0) {
                return b;
            }
            if (Math.abs(previousStep) >= tolerance && Math.abs(fa) > Math.abs(fb)) {
                double p;
                double q;
                double cb = c - b;
                if (a == c) {
                    // two distinct points: secant
                    double t1 = fb / fa;
                    p = cb * t1;
                    q = 1.0 - t1;
                } else {
                    // inverse quadratic interpolation
                    q = fa / fc;
                    double t1 = fb / fc;
                    double t2 = fb / fa;
                    p = t2 * (cb * q * (q - t1) - (b - a) * (t1 - 1.0));
                    q = (q - 1.0) * (t1 - 1.0) * (t2 - 1.0);
                }
                if (p > 0) {
                    q = -q;
                } else {
                    p = -p;
                }
                if (p < (0.75 * cb * q - Math.abs(tolerance * q) / 2) && p < Math.abs(previousStep * q / 2)) {
                    step = p / q;
                }
            }
            if (Math.abs(step) < tolerance) {
                step = step > 0 ? tolerance : -tolerance;
            }
            a = b;
            fa = fb;
            b += step;
            fb = f.applyAsDouble(b);
            if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
                c = a;
                fc = fa;
            }
        }
        // R's uniroot warns and returns the last approximation; a step function converges long before this
        return b;
    }

    /** Average ranks (R's {@code rank}, ties "average"), 1-based. */
    private static double[] ranks(double[] values) {
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Double.compare(values[i], values[j]));
        double[] ranks = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = rank;
            }
            i = j + 1;
        }
        return ranks;
    }

    /** {@code sum(t^3 - t)} over the groups of equal values (R's {@code NTIES^3 - NTIES}). */
    private static double tieSum(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double sum = 0;
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] == sorted[i]) {
                j++;
            }
            double t = j - i + 1;
            sum += t * t * t - t;
            i = j + 1;
        }
        return sum;
    }

    private static double sumFirst(double[] values, int count) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += values[i];
        }
        return sum;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }

    private static double[] concat(double[] x, double[] y) {
        double[] pooled = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, pooled, x.length, y.length);
        return pooled;
    }

    private static void requireSample(String name, double[] sample) {
        if (sample == null || sample.length == 0) {
            throw new IllegalArgumentException(name + ": at least one observation is needed");
        }
        for (int i = 0; i < sample.length; i++) {
            if (!Double.isFinite(sample[i])) {
                throw new IllegalArgumentException(name + "[" + i + "]: must be finite, was " + sample[i]);
            }
        }
    }

    /**
     * The exact null distribution of the Mann-Whitney statistic for samples of {@code m} and {@code n} without ties:
     * the number of arrangements giving each value {@code 0..mn}, by the recurrence
     * {@code c(m, n, k) = c(m - 1, n, k - n) + c(m, n - 1, k)} (R's {@code cwilcox}), with R's summation rules in
     * {@code pwilcox} and {@code qwilcox}.
     */
    static final class RankSumDistribution {
        private final int m;
        private final int n;
        private final double[] counts;
        private final double total;

        RankSumDistribution(int m, int n) {
            this.m = m;
            this.n = n;
            // row[j] holds the counts for (i, j); built up over i
            double[][] row = new double[n + 1][];
            for (int j = 0; j <= n; j++) {
                row[j] = new double[] {1};
            }
            for (int i = 1; i <= m; i++) {
                double[][] next = new double[n + 1][];
                next[0] = new double[] {1};
                for (int j = 1; j <= n; j++) {
                    double[] c = new double[i * j + 1];
                    double[] left = next[j - 1];
                    double[] up = row[j];
                    for (int k = 0; k < c.length; k++) {
                        double fromLeft = k < left.length ? left[k] : 0;
                        double fromUp = k - j >= 0 && k - j < up.length ? up[k - j] : 0;
                        c[k] = fromLeft + fromUp;
                    }
                    next[j] = c;
                }
                row = next;
            }
            this.counts = row[n];
            this.total = binomial(m + n, n);
        }

        /** P(W <= q), summed over the shorter side as R's pwilcox does. */
        double lowerTail(double q) {
            return cumulative(q, true);
        }

        /** P(W > q). */
        double upperTail(double q) {
            return cumulative(q, false);
        }

        private double cumulative(double q, boolean lowerTail) {
            double mn = m * (double) n;
            q = Math.floor(q + 1e-7);
            if (q < 0) {
                return lowerTail ? 0 : 1;
            }
            if (q >= mn) {
                return lowerTail ? 1 : 0;
            }
            double p = 0;
            if (q <= mn / 2) {
                for (int i = 0; i <= q; i++) {
                    p += counts[i] / total;
                }
                return lowerTail ? p : 1 - p;
            }
            q = mn - q;
            for (int i = 0; i < q; i++) {
                p += counts[i] / total;
            }
            return lowerTail ? 1 - p : p;
        }

        /** R's qwilcox(x, m, n): the smallest q with P(W <= q) >= x, with R's 10 epsilon of slack. */
        int quantile(double x) {
            if (x == 0) {
                return 0;
            }
            if (x == 1) {
                return m * n;
            }
            double epsilon = Math.ulp(1.0);
            double p = 0;
            int q = 0;
            if (x <= 0.5) {
                x = x - 10 * epsilon;
                while (true) {
                    p += counts[q] / total;
                    if (p >= x) {
                        return q;
                    }
                    q++;
                }
            }
            x = 1 - x + 10 * epsilon;
            while (true) {
                p += counts[q] / total;
                if (p > x) {
                    return m * n - q;
                }
                q++;
            }
        }

        /** C(a, b) as a double, by the product formula (exact for the sizes used here up to rounding). */
        private static double binomial(int a, int b) {
            double result = 1;
            int k = Math.min(b, a - b);
            for (int i = 1; i <= k; i++) {
                result = result * (a - k + i) / i;
            }
            return result;
        }
    }
}

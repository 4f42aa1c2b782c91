package io.demandloop.shared.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The Kaplan-Meier estimate of a duration distribution with right censoring, as R's {@code survival::survfit(Surv(time,
 * event) ~ 1)} computes it by default (Greenwood variance, log-transformed confidence interval), and its quantiles as
 * {@code quantile(fit, probs)} reports them (NA where the curve or its bound never reaches the quantile).
 *
 * <p>Details kept from survival 3.x: the curve has a step at every distinct time (events and censorings); the
 * standard error is Greenwood's on the log scale, {@code sqrt(sum d / (n (n - d)))}, infinite once the curve reaches
 * 0, where the interval is NA (null); the log interval is {@code S exp(-+ z se)} with the upper bound capped at 1. A
 * quantile is the first time the curve (for the interval: the lower and the upper curve) falls to {@code 1 - p},
 * with survival's rule for a flat stretch exactly at {@code 1 - p} (within {@code sqrt(machine epsilon)}): the
 * midpoint of the stretch, up to the last time observed when the stretch is the curve's end. A fit of no observations
 * is allowed (no resolved or open ticket in a window): each quantile is then null.
 */
public final class KaplanMeier {

    /** survival's {@code tolerance = sqrt(.Machine$double.eps)} in quantile.survfit. */
    private static final double TOLERANCE = Math.sqrt(Math.ulp(1.0));

    /** The distinct times, ascending. */
    private final double[] time;
    /** The curve just after each time. */
    private final double[] surv;
    /** Greenwood's standard error of log S just after each time (infinite once S is 0). */
    private final double[] stdErr;

    private KaplanMeier(double[] time, double[] surv, double[] stdErr) {
        this.time = time;
        this.surv = surv;
        this.stdErr = stdErr;
    }

    /**
     * Fits the curve.
     *
     * @param times  each observation's time (e.g. hours from opened to resolved, or to the cut-off when still open)
     * @param events for each, true when it ended (resolved) and false when censored (still open at the cut-off)
     * @throws IllegalArgumentException when the arrays are missing or of different lengths, or a time is negative or
     *                                  not finite
     */
    public static KaplanMeier fit(double[] times, boolean[] events) {
        if (times == null || events == null) {
            throw new IllegalArgumentException("times and events: both are needed");
        }
        if (times.length != events.length) {
            throw new IllegalArgumentException("events: one per time is needed, were " + events.length + " for "
                    + times.length + " times");
        }
        Integer[] order = new Integer[times.length];
        for (int i = 0; i < times.length; i++) {
            if (!(times[i] >= 0) || Double.isInfinite(times[i])) {
                throw new IllegalArgumentException("times[" + i + "]: must be finite and not negative, was " + times[i]);
            }
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> times[i]));
        List<double[]> steps = new ArrayList<>();
        double s = 1;
        double greenwood = 0;
        int atRisk = times.length;
        int k = 0;
        while (k < order.length) {
            double t = times[order[k]];
            int deaths = 0;
            int leaving = 0;
            while (k < order.length && times[order[k]] == t) {
                if (events[order[k]]) {
                    deaths++;
                }
                leaving++;
                k++;
            }
            if (deaths > 0) {
                s *= (atRisk - deaths) / (double) atRisk;
                // n = d gives d / 0 = Infinity, as survival's C code does: the interval is NA from there on.
                greenwood += deaths / ((double) atRisk * (atRisk - deaths));
            }
            steps.add(new double[] {t, s, Math.sqrt(greenwood)});
            atRisk -= leaving;
        }
        double[] t = new double[steps.size()];
        double[] sv = new double[steps.size()];
        double[] se = new double[steps.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = steps.get(i)[0];
            sv[i] = steps.get(i)[1];
            se[i] = steps.get(i)[2];
        }
        return new KaplanMeier(t, sv, se);
    }

    /**
     * The {@code p}-quantile (0.5 the median, 0.9 the p90) with its interval at {@code confLevel}; no p-value.
     * Components are null where R reports NA: the curve, or the bound's curve, never falls to {@code 1 - p}.
     *
     * @throws IllegalArgumentException when p is not in [0, 1] or the level not in (0, 1)
     */
    public IntervalEstimate quantile(double p, double confLevel) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p: must lie in [0, 1], was " + p);
        }
        if (!(confLevel > 0 && confLevel < 1)) {
            throw new IllegalArgumentException("confLevel: must lie in (0, 1), was " + confLevel);
        }
        if (time.length == 0) {
            return new IntervalEstimate(null, null, null, null);
        }
        double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(1 - (1 - confLevel) / 2);
        int n = time.length;
        Double[] point = new Double[n];
        Double[] lowerCurve = new Double[n];
        Double[] upperCurve = new Double[n];
        for (int i = 0; i < n; i++) {
            point[i] = surv[i];
            if (surv[i] == 0) {
                // survfit_confint: log(0) is NA, so both bounds are NA
                lowerCurve[i] = null;
                upperCurve[i] = null;
            } else {
                double se2 = z * stdErr[i];
                lowerCurve[i] = Math.exp(Math.log(surv[i]) - se2);
                upperCurve[i] = Math.min(Math.exp(Math.log(surv[i]) + se2), 1.0);
            }
        }
        // The quantile of the lower curve is the interval's lower end (it falls first), as in survival's doquant.
        return new IntervalEstimate(findq(point, p), findq(lowerCurve, p), findq(upperCurve, p), null);
    }

    /** survival's findq on x = c(0, time), y = c(0, 1 - curve); NA entries of the curve are null. */
    private Double findq(Double[] curve, double p) {
        int m = curve.length + 1;
        double[] x = new double[m];
        Double[] y = new Double[m];
        x[0] = 0;
        y[0] = 0.0;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < curve.length; i++) {
            x[i + 1] = time[i];
            y[i + 1] = curve[i] == null ? null : 1 - curve[i];
            if (y[i + 1] != null) {
                max = Math.max(max, y[i + 1]);
            }
        }
        max = Math.max(max, 0);
        if (max < p) {
            return null;
        }
        double xmax = x[m - 1];
        // y <- y[!duplicated(y)], x likewise (NA counts as a value: a second NA is a duplicate)
        List<Double> ux = new ArrayList<>();
        List<Double> uy = new ArrayList<>();
        Set<Double> seen = new HashSet<>();
        boolean seenNa = false;
        for (int i = 0; i < m; i++) {
            if (y[i] == null) {
                if (!seenNa) {
                    seenNa = true;
                    ux.add(x[i]);
                    uy.add(null);
                }
            } else if (seen.add(y[i])) {
                ux.add(x[i]);
                uy.add(y[i]);
            }
        }
        Integer index1 = approxConstantRight(uy, TOLERANCE, p);
        Integer index2 = approxConstantRight(uy, -TOLERANCE, p);
        Double quant = index1 == null || index2 == null ? null : (ux.get(index1) + ux.get(index2)) / 2;
        if (p == 0) {
            quant = ux.get(0);
        }
        Double last = uy.get(uy.size() - 1);
        if (last != null && Math.abs(p - last) < TOLERANCE) {
            quant = index1 == null ? null : (ux.get(index1) + xmax) / 2;
        }
        return quant;
    }

    /**
     * R's {@code approx(y + shift, seq_along(y), p, method = "constant", f = 1)$y} (0-based): NA points dropped, the
     * rest ordered by abscissa, NA outside the range, the right end's index inside an interval, the point's own
     * index on a point.
     */
    private static Integer approxConstantRight(List<Double> y, double shift, double p) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < y.size(); i++) {
            if (y.get(i) != null) {
                points.add(new double[] {y.get(i) + shift, i});
            }
        }
        points.sort(Comparator.comparingDouble(point -> point[0]));
        int n = points.size();
        if (p < points.get(0)[0] || p > points.get(n - 1)[0]) {
            return null;
        }
        int i = 0;
        int j = n - 1;
        while (i < j - 1) {
            int ij = (i + j) / 2;
            if (p < points.get(ij)[0]) {
                j = ij;
            } else {
                i = ij;
            }
        }
        if (p == points.get(j)[0]) {
            return (int) points.get(j)[1];
        }
        if (p == points.get(i)[0]) {
            return (int) points.get(i)[1];
        }
        return (int) points.get(j)[1];
    }
}

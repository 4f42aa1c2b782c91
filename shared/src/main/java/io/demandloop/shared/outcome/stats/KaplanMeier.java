package io.demandloop.shared.outcome.stats;

/**
 * The Kaplan-Meier estimate of a duration distribution with right censoring, as R's {@code survival::survfit(Surv(time,
 * event) ~ 1)} computes it by default (Greenwood variance, log-transformed confidence interval), and its quantiles as
 * {@code quantile(fit, probs)} reports them (NA where the curve or its bound never reaches the quantile).
 */
public final class KaplanMeier {

    private KaplanMeier() {
    }

    /**
     * Fits the curve.
     *
     * @param times  each observation's time (e.g. hours from opened to resolved, or to the cut-off when still open)
     * @param events for each, true when it ended (resolved) and false when censored (still open at the cut-off)
     */
    public static KaplanMeier fit(double[] times, boolean[] events) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The {@code p}-quantile (0.5 the median, 0.9 the p90) with its interval at {@code confLevel}; no p-value. */
    public IntervalEstimate quantile(double p, double confLevel) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}

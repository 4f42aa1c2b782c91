package io.demandloop.shared.outcome.stats;

import java.util.List;

/**
 * Difference-in-differences of counts with exposure as R's
 * {@code glm(count ~ group * period + offset(log(days)), family = poisson)} fits it: the ratio of rate ratios
 * {@code exp(group:period)} with its Wald interval and p-value.
 */
public final class PoissonDifferenceInDifferences {

    /**
     * One row of the regression: a service's count in one period with its exposure.
     *
     * @param treated  whether the service is targeted (else a control)
     * @param after    whether the row is the after period (else the baseline)
     * @param count    the events counted
     * @param exposure the days of exposure (positive)
     */
    public record Row(boolean treated, boolean after, long count, double exposure) {
    }

    private PoissonDifferenceInDifferences() {
    }

    /** The ratio of rate ratios (treated after/before over controls after/before) with its Wald interval. */
    public static IntervalEstimate fit(List<Row> rows, double confLevel) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}

package io.demandloop.shared.stats;

/**
 * A point estimate with its confidence interval and, where the method gives one, a p-value. A component is null
 * where R reports NA (e.g. a Kaplan-Meier median the curve never reaches, or the upper bound of its interval).
 *
 * @param estimate the point estimate
 * @param lower    the interval's lower bound
 * @param upper    the interval's upper bound
 * @param pValue   the two-sided p-value against "no change"; null where the method has none
 */
public record IntervalEstimate(Double estimate, Double lower, Double upper, Double pValue) {

    /** Whether the interval lies wholly below {@code value}. */
    public boolean whollyBelow(double value) {
        return upper != null && upper < value;
    }

    /** Whether the interval lies wholly above {@code value}. */
    public boolean whollyAbove(double value) {
        return lower != null && lower > value;
    }
}

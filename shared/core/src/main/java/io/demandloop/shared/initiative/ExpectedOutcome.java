package io.demandloop.shared.initiative;

import java.util.Objects;

/**
 * What an initiative is expected to change: a metric, and the relative change it should bring, e.g. P1-P2
 * incidents {@code -0.30} (30 % fewer). The sign says the direction: negative means the metric should fall.
 *
 * @param metric       the metric that decides the verdict
 * @param targetChange the expected relative change, in (-1, +inf) and not 0, e.g. -0.30
 * @param category     when the initiative came from a pattern, the pattern's dimension and value that scopes the
 *                     metric (e.g. {@code category:network}, {@code symptom:login}); null for the whole service
 */
public record ExpectedOutcome(OutcomeMetric metric, double targetChange, String category) {

    /** The default when nothing is said: incidents of the targeted services, 30 % fewer. */
    public static final double DEFAULT_TARGET_CHANGE = -0.30;

    public ExpectedOutcome {
        Objects.requireNonNull(metric, "metric");
        if (!(targetChange > -1.0) || targetChange == 0.0 || Double.isInfinite(targetChange)) {
            throw new IllegalArgumentException("expected change must be above -100 % and not 0, was " + targetChange);
        }
    }

    /** Whether the metric should fall (true) or rise. */
    public boolean expectsDecrease() {
        return targetChange < 0;
    }

    /** The expected ratio after / before, e.g. 0.70 for -30 %. */
    public double targetRatio() {
        return 1.0 + targetChange;
    }
}

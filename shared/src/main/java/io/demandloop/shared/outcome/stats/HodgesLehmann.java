package io.demandloop.shared.outcome.stats;

/**
 * The Hodges-Lehmann estimate of the location shift between two samples with its interval and p-value, as R's
 * {@code wilcox.test(x, y, conf.int = TRUE, conf.level = confLevel)} reports them (exact without ties for samples
 * under 50, else the normal approximation with continuity correction).
 */
public final class HodgesLehmann {

    private HodgesLehmann() {
    }

    /** The shift of {@code x} against {@code y} (positive when {@code x} lies higher). */
    public static IntervalEstimate shift(double[] x, double[] y, double confLevel) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}

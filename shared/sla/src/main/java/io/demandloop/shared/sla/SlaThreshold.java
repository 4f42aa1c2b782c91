package io.demandloop.shared.sla;

/** Thresholds are percentages of a target; {@value #BREACH} is the breach. */
public final class SlaThreshold {

    /** The breach threshold: the whole target used. */
    public static final int BREACH = 100;

    private SlaThreshold() {
    }

    /** The identity of one threshold of one cycle of one metric: {@code <metric>#<cycle>#<percent>}. */
    public static String id(SlaMetric metric, int cycle, int percent) {
        return metric.wireName() + "#" + cycle + "#" + percent;
    }
}

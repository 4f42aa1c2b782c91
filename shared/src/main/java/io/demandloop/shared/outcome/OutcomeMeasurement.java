package io.demandloop.shared.outcome;

/**
 * The pure measurement of one metric around one intervention: windows, exposure, the statistics and the verdict
 * (docs/outcomes.md). No I/O: the caller reads the occurrences; the same code serves the nightly function, the
 * {@code measure} command and the calibration harness.
 */
public final class OutcomeMeasurement {

    private OutcomeMeasurement() {
    }

    /** Measures one metric. */
    public static MetricOutcome measure(MeasurementInput input) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}

package io.demandloop.shared.outcome;

import io.demandloop.shared.initiative.ExpectedOutcome;
import io.demandloop.shared.initiative.OutcomeMetric;
import java.time.Instant;
import java.util.List;

/**
 * Everything one measurement needs, already read: pure input to {@link OutcomeMeasurement#measure}.
 *
 * @param metric      the metric measured (the expected one for the verdict, or a secondary one)
 * @param expected    the expected outcome (its target change decides "no clear change" against "inconclusive")
 * @param deliveredAt the intervention instant
 * @param asOf        the measurement instant: nothing after it is known
 * @param baselineEnd when the initiative came from a demand, when that demand was first raised: the baseline ends
 *                    before it (regression to the mean); null for none
 * @param windows     the windows
 * @param target      the targeted services' occurrences (pooled)
 * @param controls    comparable services' occurrences, one each; may be empty
 */
public record MeasurementInput(OutcomeMetric metric, ExpectedOutcome expected, Instant deliveredAt, Instant asOf,
                               Instant baselineEnd, OutcomeWindows windows, ServiceHistory target,
                               List<ServiceHistory> controls) {
    public MeasurementInput {
        controls = List.copyOf(controls);
    }
}

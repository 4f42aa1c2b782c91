package io.demandloop.functions.outcomes;

import java.time.Instant;
import java.util.List;

/**
 * What one night's outcome measurement did.
 *
 * @param asOf      the measurement instant
 * @param measured  the initiatives measured (delivered, windows open or within the grace period, not yet measured
 *                  as of this night)
 * @param written   how many outcomes were written
 * @param published the initiatives an {@code Outcome Measured} event was published for
 * @param eventIds  the ids the bus gave those events
 * @param publishedVerdicts the verdict of each published outcome, in {@code published} order (counted in metrics)
 */
public record OutcomeMeasurementResult(Instant asOf, List<String> measured, int written, List<String> published,
                                       List<String> eventIds, List<String> publishedVerdicts) {
}

package io.demandloop.shared.outcome;

import java.time.Instant;

/**
 * One occurrence that a metric counts: an incident opened, an alert episode started, a breach. For a duration metric
 * {@code endedAt} is when it ended (resolved; null while still open); for effort, {@code weight} is its hours.
 *
 * @param at      when it happened (opened, started)
 * @param weight  1 for a count; the hours for effort
 * @param endedAt when it ended; null while open or when the metric has no duration
 */
public record MetricEvent(Instant at, double weight, Instant endedAt) {
}

package io.demandloop.shared.outcome;

import io.demandloop.shared.stats.IntervalEstimate;
import java.time.Instant;

/**
 * One entry of an outcome's history: a measurement whose verdict differed from the one before it (the first
 * measurement included).
 *
 * @param measuredAt the night it was measured
 * @param verdict    the verdict then
 * @param sentence   the sentence then
 * @param change     the primary metric's change with its interval then; null while too early
 */
public record OutcomeHistoryEntry(Instant measuredAt, Verdict verdict, String sentence, IntervalEstimate change) {
}

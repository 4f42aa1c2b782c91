package io.demandloop.shared.outcome;

import io.demandloop.shared.initiative.OutcomeMetric;
import io.demandloop.shared.stats.IntervalEstimate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The measured outcome of one metric: the windows' figures, the change with its interval, the verdict and the
 * sentence a stakeholder reads.
 *
 * @param metric         the metric
 * @param verdict        the verdict
 * @param sentence       one plain sentence, e.g. "P1-P2 incidents on Payments fell from 4.1 to 1.2 a week (-71 %,
 *                       95 % interval -85 % to -45 %) while comparable services did not change: improved."
 * @param method         how the change was estimated, e.g. {@code exact rate ratio}, {@code difference-in-differences},
 *                       {@code Kaplan-Meier median, Hodges-Lehmann shift}
 * @param before         the baseline's figures
 * @param after          the after window's figures; null while too early and nothing of it has passed
 * @param change         the relative change after against before (ratio minus 1 for counts) with its interval;
 *                       null while too early
 * @param controls       the control services used; empty when none
 * @param daysRemaining  while too early, the days until the after window is complete; else null
 * @param weeksToDecide  when inconclusive, about how many more weeks of data at the current rates would decide it;
 *                       else null
 * @param weekly         the metric per week across both windows (for the chart), oldest first
 */
public record MetricOutcome(OutcomeMetric metric, Verdict verdict, String sentence, String method,
                            WindowFigures before, WindowFigures after, IntervalEstimate change, List<String> controls,
                            Integer daysRemaining, Integer weeksToDecide, List<WeekPoint> weekly) {

    /**
     * One window's figures.
     *
     * @param from         the window's start (inclusive)
     * @param to           its end (exclusive)
     * @param exposureDays the days of exposure in it (days before the data start do not count)
     * @param count        the occurrences (for effort, the hours)
     * @param ratePerWeek  {@code count / exposureDays * 7}
     * @param median       for a duration metric, the Kaplan-Meier median in hours with its interval; else null
     * @param p90          for a duration metric, the p90 in hours with its interval; else null
     */
    public record WindowFigures(Instant from, Instant to, double exposureDays, double count, double ratePerWeek,
                                IntervalEstimate median, IntervalEstimate p90) {
    }

    /** The metric in one week starting on {@code weekStart}: its count (or median hours). */
    public record WeekPoint(LocalDate weekStart, double value) {
    }
}

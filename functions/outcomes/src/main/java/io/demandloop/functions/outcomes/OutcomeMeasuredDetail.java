package io.demandloop.functions.outcomes;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.demandloop.shared.initiative.OutcomeMetric;
import io.demandloop.shared.outcome.MetricOutcome;
import io.demandloop.shared.outcome.Outcome;
import io.demandloop.shared.outcome.Verdict;
import io.demandloop.shared.stats.IntervalEstimate;
import java.time.Instant;
import java.util.List;

/**
 * The detail of {@code Outcome Measured} (docs/outcomes.md, "Events"): the initiative, its lineage, the verdict,
 * the one before it, the sentence and the primary metric's figures.
 *
 * @param initiativeId    the initiative's id ({@code <source>#<sourceId>})
 * @param title           its title
 * @param services        the targeted services
 * @param demandIds       the demands it answers ({@code <service>#<pattern>})
 * @param category        the pattern scoping the primary metric; absent for the whole services
 * @param metric          the primary (expected) metric
 * @param expectedChange  the expected relative change, e.g. -0.3
 * @param verdict         the verdict now
 * @param previousVerdict the verdict before; absent on the first measurement
 * @param sentence        the sentence a stakeholder reads
 * @param method          how the change was estimated
 * @param change          the relative change with its 95 % interval and p-value; absent while too early
 * @param before          the baseline's rate per week; absent when unknown
 * @param after           the after window's rate per week; absent while too early
 * @param controls        the control services used
 * @param daysRemaining   while too early, the days until the after window is complete
 * @param weeksToDecide   when inconclusive, about how many more weeks would decide it
 * @param deliveredAt     the delivery instant
 * @param measuredAt      the night it was measured
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutcomeMeasuredDetail(String initiativeId, String title, List<String> services, List<String> demandIds,
                                    String category, OutcomeMetric metric, double expectedChange, Verdict verdict,
                                    Verdict previousVerdict, String sentence, String method, IntervalEstimate change,
                                    Double before, Double after, List<String> controls, Integer daysRemaining,
                                    Integer weeksToDecide, Instant deliveredAt, Instant measuredAt) {

    /** The detail of an outcome whose verdict changed from {@code previous} (null: its first). */
    public static OutcomeMeasuredDetail of(Outcome outcome, Verdict previous) {
        MetricOutcome primary = outcome.primary();
        return new OutcomeMeasuredDetail(outcome.initiativeId(), outcome.title(), outcome.services(),
                outcome.demandIds(), outcome.category(), primary.metric(), outcome.expected().targetChange(),
                primary.verdict(), previous, primary.sentence(), primary.method(), primary.change(),
                primary.before() == null ? null : primary.before().ratePerWeek(),
                primary.after() == null ? null : primary.after().ratePerWeek(), primary.controls(),
                primary.daysRemaining(), primary.weeksToDecide(), outcome.deliveredAt(), outcome.measuredAt());
    }
}

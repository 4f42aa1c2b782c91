package io.demandloop.functions.portfolioreport.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.demandloop.shared.stats.IntervalEstimate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One initiative in flight or delivered, with its measured outcome and its lineage back to the demands it answers
 * (docs/outcomes.md). Listed in-flight first (proposed, approved, in progress), then delivered, newest delivery first,
 * then by id.
 *
 * @param anchor      {@link Anchors#initiative(String)} of the id
 * @param id          {@code <source>#<sourceId>}
 * @param title       what it is called
 * @param status      {@code proposed}, {@code approved}, {@code in-progress} or {@code delivered}
 * @param services    the targeted services
 * @param team        the owning team; may be null
 * @param link        a URL to it at its source; may be null
 * @param deliveredAt when it was delivered; null while in flight
 * @param demands     the demands it answers (lineage), each with the anchor of its entry when the report lists it
 * @param outcome     its measured outcome; null when it was never measured (in flight, or delivered too recently)
 */
@JsonPropertyOrder({"anchor", "id", "title", "status", "services", "team", "link", "deliveredAt", "demands", "outcome"})
public record InitiativeEntry(String anchor, String id, String title, String status, List<String> services, String team,
                              String link, @JsonInclude(JsonInclude.Include.ALWAYS) Instant deliveredAt,
                              List<DemandLink> demands, @JsonInclude(JsonInclude.Include.ALWAYS) OutcomeLine outcome) {

    public InitiativeEntry {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(status, "status");
        services = List.copyOf(services);
        demands = List.copyOf(demands);
    }

    /**
     * A demand an initiative answers.
     *
     * @param id     the demand's id
     * @param anchor the anchor of its entry under {@code demands}; null when the report does not list it (no longer
     *               raised)
     */
    @JsonPropertyOrder({"id", "anchor"})
    public record DemandLink(String id, @JsonInclude(JsonInclude.Include.ALWAYS) String anchor) {
        public DemandLink {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * The measured outcome of the initiative's primary metric.
     *
     * @param metric        the metric's wire name, e.g. {@code incidents}
     * @param category      the pattern scoping the metric; null for the whole services
     * @param verdict       {@code improved}, {@code no-clear-change}, {@code worse}, {@code inconclusive} or
     *                      {@code too-early}
     * @param sentence      the sentence a stakeholder reads
     * @param method        how the change was estimated
     * @param measuredAt    the night it was measured
     * @param deliveredAt   the delivery date the chart draws its line at
     * @param before        the baseline window's figures
     * @param after         the after window's figures; null while too early
     * @param change        the relative change with its 95 % interval; null while too early
     * @param daysRemaining while too early, the days until the after window is complete; else null
     * @param weekly        the metric per week across both windows, oldest first (for the chart)
     */
    @JsonPropertyOrder({"metric", "category", "verdict", "sentence", "method", "measuredAt", "deliveredAt", "before",
            "after", "change", "daysRemaining", "weekly"})
    public record OutcomeLine(String metric, String category, String verdict, String sentence, String method,
                              Instant measuredAt, Instant deliveredAt, Rate before,
                              @JsonInclude(JsonInclude.Include.ALWAYS) Rate after,
                              @JsonInclude(JsonInclude.Include.ALWAYS) IntervalEstimate change, Integer daysRemaining,
                              List<WeekPoint> weekly) {
        public OutcomeLine {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(sentence, "sentence");
            weekly = List.copyOf(weekly);
        }
    }

    /**
     * One window's figures.
     *
     * @param from        its start, included
     * @param to          its end, excluded
     * @param count       the occurrences (for effort, the hours)
     * @param ratePerWeek {@code count} per week of exposure
     * @param median      for a duration metric, the median hours with its interval; else null
     */
    @JsonPropertyOrder({"from", "to", "count", "ratePerWeek", "median"})
    public record Rate(Instant from, Instant to, double count, double ratePerWeek, IntervalEstimate median) {
    }

    /**
     * The metric in one week.
     *
     * @param weekStart the week's first day (UTC)
     * @param value     its count (for a duration metric, the median hours)
     */
    @JsonPropertyOrder({"weekStart", "value"})
    public record WeekPoint(LocalDate weekStart, double value) {
        public WeekPoint {
            Objects.requireNonNull(weekStart, "weekStart");
        }
    }
}

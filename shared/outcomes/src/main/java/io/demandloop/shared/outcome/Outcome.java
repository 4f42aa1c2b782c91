package io.demandloop.shared.outcome;

import io.demandloop.shared.initiative.ExpectedOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The measured outcome of one delivered initiative (or of an intervention date the {@code measure} command was given),
 * with its lineage: the pattern and demand it answers, the initiative, and what was measured.
 *
 * <p>The verdict is the primary metric's ({@link #verdict()}): the expected metric, scoped to the pattern when the
 * initiative came from one. The secondary metrics are the other metrics of the targeted services, shown beside it.
 * Build it with {@link #builder()}: it has too many components of the same type to construct by position.
 *
 * @param initiativeId the initiative's id ({@code <source>#<sourceId>}); for {@code measure}, {@code adhoc#<service>@<date>}
 * @param title        the initiative's title
 * @param services     the targeted services
 * @param demandIds    the demands the initiative answers ({@code <service>#<pattern>}); each id names its pattern
 * @param category     the pattern's dimension and value that scopes the primary metric (e.g. {@code category:network});
 *                     null for the whole services
 * @param expected     what the initiative is expected to change
 * @param deliveredAt  the intervention instant
 * @param baselineEnd  where the baseline ends because the linked demand was first raised then (regression to the
 *                     mean); null when the baseline ends at delivery
 * @param windows      the windows measured
 * @param measuredAt   the measurement instant (the night's as-of)
 * @param primary      the expected metric's outcome; its verdict is the outcome's
 * @param secondary    the other metrics of the targeted services
 */
public record Outcome(String initiativeId, String title, List<String> services, List<String> demandIds, String category,
                      ExpectedOutcome expected, Instant deliveredAt, Instant baselineEnd, OutcomeWindows windows,
                      Instant measuredAt, MetricOutcome primary, List<MetricOutcome> secondary) {

    public Outcome {
        Objects.requireNonNull(initiativeId, "initiativeId");
        Objects.requireNonNull(title, "title");
        services = List.copyOf(services);
        demandIds = demandIds == null ? List.of() : List.copyOf(demandIds);
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(deliveredAt, "deliveredAt");
        Objects.requireNonNull(windows, "windows");
        Objects.requireNonNull(measuredAt, "measuredAt");
        Objects.requireNonNull(primary, "primary");
        secondary = secondary == null ? List.of() : List.copyOf(secondary);
    }

    /** The outcome's verdict: the primary metric's. */
    public Verdict verdict() {
        return primary.verdict();
    }

    /** The sentence a stakeholder reads: the primary metric's. */
    public String sentence() {
        return primary.sentence();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link Outcome} by name. */
    public static final class Builder {
        private String initiativeId;
        private String title;
        private List<String> services = List.of();
        private List<String> demandIds = List.of();
        private String category;
        private ExpectedOutcome expected;
        private Instant deliveredAt;
        private Instant baselineEnd;
        private OutcomeWindows windows = OutcomeWindows.DEFAULT;
        private Instant measuredAt;
        private MetricOutcome primary;
        private List<MetricOutcome> secondary = List.of();

        private Builder() {
        }

        public Builder initiativeId(String value) { this.initiativeId = value; return this; }
        public Builder title(String value) { this.title = value; return this; }
        public Builder services(List<String> value) { this.services = value; return this; }
        public Builder demandIds(List<String> value) { this.demandIds = value; return this; }
        public Builder category(String value) { this.category = value; return this; }
        public Builder expected(ExpectedOutcome value) { this.expected = value; return this; }
        public Builder deliveredAt(Instant value) { this.deliveredAt = value; return this; }
        public Builder baselineEnd(Instant value) { this.baselineEnd = value; return this; }
        public Builder windows(OutcomeWindows value) { this.windows = value; return this; }
        public Builder measuredAt(Instant value) { this.measuredAt = value; return this; }
        public Builder primary(MetricOutcome value) { this.primary = value; return this; }
        public Builder secondary(List<MetricOutcome> value) { this.secondary = value; return this; }

        public Outcome build() {
            return new Outcome(initiativeId, title, services, demandIds, category, expected, deliveredAt, baselineEnd,
                    windows, measuredAt, primary, secondary);
        }
    }
}

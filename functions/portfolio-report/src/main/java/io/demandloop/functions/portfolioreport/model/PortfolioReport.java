package io.demandloop.functions.portfolioreport.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The portfolio report (issue 12): what a portfolio board decides from, as of one instant. Its sections come in the
 * order a reader sees them: {@link Headline}, {@link DemandEntry demands ranked}, {@link InitiativeEntry initiatives
 * and outcomes}, {@link ServiceHealth service health}, {@link SupportLoad capacity}, {@link DataQuality data quality}
 * and {@link Provenance provenance}. The JSON rendering ({@code portfolio.json}) is this record as it is; its schema
 * is {@code docs/report.schema.json}. The HTML and CSV renderings show the same numbers.
 *
 * <p>Everything here derives from what is stored and the as-of instant: no wall-clock time, every list in a
 * documented total order, so a re-run for the same as-of writes the same bytes.
 *
 * @param schemaVersion {@value #SCHEMA_VERSION}; raised when a field changes meaning or disappears
 * @param asOf          the instant the report describes (the data cut-off)
 * @param window        the window the service health and data quality count over, {@code [asOf - days, asOf]}
 * @param empty         true when the window holds no ticket, demand, initiative or alert episode at all: the report
 *                      then says so in {@code summary} instead of failing
 * @param summary       one sentence: what the report holds, or that there was no data for the day
 * @param headline      what needs a decision since the previous report
 * @param demands       every demand, ranked: tier (portfolio review first), then score, WSJF, id
 * @param tierCounts    the demand count per tier, all four tiers in tier order (highest first), for the history trend
 * @param initiatives   initiatives in flight and delivered, each with its measured outcome and lineage
 * @param services      service health per service
 * @param capacity      support load against team capacity; null (written as {@code null}) when no snapshot was kept
 * @param dataQuality   refused deliveries, dead letters, unknown services, newest record per source
 * @param provenance    data cut-off, generation instant, configuration hash, format version
 */
@JsonPropertyOrder({"schemaVersion", "asOf", "window", "empty", "summary", "headline", "demands", "tierCounts",
        "initiatives", "services", "capacity", "dataQuality", "provenance"})
public record PortfolioReport(int schemaVersion, Instant asOf, Window window, boolean empty, String summary,
                              Headline headline, List<DemandEntry> demands, List<TierCount> tierCounts,
                              List<InitiativeEntry> initiatives, ServiceHealth services,
                              @JsonInclude(JsonInclude.Include.ALWAYS) SupportLoad capacity, DataQuality dataQuality,
                              Provenance provenance) {

    /** The version of the JSON schema this code writes ({@code docs/report.schema.json} states the same). */
    public static final int SCHEMA_VERSION = 2;

    public PortfolioReport {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(headline, "headline");
        demands = List.copyOf(demands);
        tierCounts = List.copyOf(tierCounts);
        initiatives = List.copyOf(initiatives);
        Objects.requireNonNull(services, "services");
        Objects.requireNonNull(dataQuality, "dataQuality");
        Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * The window {@code [from, to]}, both inclusive.
     *
     * @param from {@code to} minus {@code days} days
     * @param to   the report's as-of instant
     * @param days the window's length in days
     */
    @JsonPropertyOrder({"from", "to", "days"})
    public record Window(Instant from, Instant to, int days) {
        public Window {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        /** The window of {@code days} days ending at {@code asOf}. */
        public static Window endingAt(Instant asOf, int days) {
            if (days < 1) {
                throw new IllegalArgumentException("days must be at least 1, was " + days);
            }
            return new Window(asOf.minus(Duration.ofDays(days)), asOf, days);
        }

        /** Whether {@code instant} lies in the window, bounds included. */
        public boolean contains(Instant instant) {
            return !instant.isBefore(from) && !instant.isAfter(to);
        }
    }

    /**
     * The number of demands in one tier.
     *
     * @param tier  the tier's wire name, e.g. {@code portfolio-review}
     * @param count how many demands the report lists in it
     */
    @JsonPropertyOrder({"tier", "count"})
    public record TierCount(String tier, int count) {
        public TierCount {
            Objects.requireNonNull(tier, "tier");
        }
    }

    /**
     * Where the report comes from.
     *
     * @param dataCutOff    the newest instant of data the report counts (its as-of instant)
     * @param generatedAt   when it was generated: the as-of instant of the run, never the wall clock, so a re-run
     *                      writes the same bytes
     * @param configHash    the first 16 hex digits of the SHA-256 of the configuration the report was built with (the
     *                      window, the flag share, the SLA policy version, the service catalog), in a canonical form
     * @param schemaVersion the report format version, {@link #SCHEMA_VERSION}
     * @param previousAsOf  the as-of instant of the previous report (the newest strictly before this one) the headline
     *                      compares with; null for the first report
     */
    @JsonPropertyOrder({"dataCutOff", "generatedAt", "configHash", "schemaVersion", "previousAsOf"})
    public record Provenance(Instant dataCutOff, Instant generatedAt, String configHash, int schemaVersion,
                             @JsonInclude(JsonInclude.Include.ALWAYS) Instant previousAsOf) {
        public Provenance {
            Objects.requireNonNull(dataCutOff, "dataCutOff");
            Objects.requireNonNull(generatedAt, "generatedAt");
            Objects.requireNonNull(configHash, "configHash");
        }
    }
}

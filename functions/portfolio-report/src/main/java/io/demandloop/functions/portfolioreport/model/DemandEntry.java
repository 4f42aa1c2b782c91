package io.demandloop.functions.portfolioreport.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One demand, as the nightly evaluation keeps it (docs/demand.md), with what people decided about it. Build it with
 * {@link #builder()}: it has too many components of the same type to construct by position.
 *
 * @param anchor        {@link Anchors#demand(String)} of the id
 * @param rank          1 for the first demand of the ranking
 * @param id            {@code <service>#<pattern>}
 * @param service       the service
 * @param pattern       the pattern, e.g. {@code recurring-incidents#category:network}
 * @param tier          the tier's wire name, e.g. {@code portfolio-review}
 * @param previousTier  the tier before the latest evaluation that changed it; null when it was new then
 * @param score         0-10 (docs/demand.md#scoring)
 * @param wsjf          cost of delay over effort
 * @param criteria      the criteria met, in criterion order, each with its measured values beside thresholds
 * @param explanation   what a service owner reads
 * @param status        where it stands, who set it and when
 * @param firstRaisedAt the as-of instant of the first evaluation that raised it
 * @param evaluatedAt   the as-of instant of the latest evaluation that changed it
 * @param ageDays       whole days from {@code firstRaisedAt} to the report's as-of instant
 * @param evidence      the representative tickets, newest first, with a link to the tool's own page where the source
 *                      gave one
 * @param initiatives   ids of the initiatives that answer it (lineage), sorted; each has an entry under
 *                      {@code initiatives} when the report lists it
 */
@JsonPropertyOrder({"anchor", "rank", "id", "service", "pattern", "tier", "previousTier", "score", "wsjf", "criteria",
        "explanation", "status", "firstRaisedAt", "evaluatedAt", "ageDays", "evidence", "initiatives"})
public record DemandEntry(String anchor, int rank, String id, String service, String pattern, String tier,
                          @JsonInclude(JsonInclude.Include.ALWAYS) String previousTier, double score, double wsjf,
                          List<CriterionLine> criteria, String explanation, Status status, Instant firstRaisedAt,
                          Instant evaluatedAt, long ageDays, List<EvidenceTicket> evidence, List<String> initiatives) {

    public DemandEntry {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(tier, "tier");
        criteria = List.copyOf(criteria);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(firstRaisedAt, "firstRaisedAt");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        evidence = List.copyOf(evidence);
        initiatives = List.copyOf(initiatives);
    }

    /** A builder; every component but the lists is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * One criterion met.
     *
     * @param criterion the criterion's wire name, e.g. {@code repeated-disruption}
     * @param label     what a reader reads, e.g. {@code repeated disruption}
     * @param measures  its measured values beside their thresholds
     */
    @JsonPropertyOrder({"criterion", "label", "measures"})
    public record CriterionLine(String criterion, String label, List<MeasureLine> measures) {
        public CriterionLine {
            Objects.requireNonNull(criterion, "criterion");
            Objects.requireNonNull(label, "label");
            measures = List.copyOf(measures);
        }
    }

    /**
     * One measured value beside its threshold, as the evaluation formatted them.
     *
     * @param name       e.g. {@code incidents}
     * @param value      e.g. {@code 5}
     * @param comparator e.g. {@code >=}
     * @param threshold  e.g. {@code 3}
     * @param met        whether this measure passed its threshold
     */
    @JsonPropertyOrder({"name", "value", "comparator", "threshold", "met"})
    public record MeasureLine(String name, String value, String comparator, String threshold, boolean met) {
    }

    /**
     * Where a demand stands with the people who decide on it.
     *
     * @param status {@code new}, {@code acknowledged}, {@code promoted} or {@code rejected}
     * @param by     who set it (the evaluation itself for {@code new}); may be null
     * @param at     when it was set
     * @param why    why; may be null
     */
    @JsonPropertyOrder({"status", "by", "at", "why"})
    public record Status(String status, String by, Instant at, String why) {
        public Status {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A ticket cited as evidence.
     *
     * @param key      its identity ({@code <source>#<kind>#<sourceId>})
     * @param number   its number at the source, e.g. {@code INC0010001}; may be null
     * @param priority 1-5
     * @param openedAt when it was opened
     * @param link     an HTTPS URL to the ticket's page in the tool that holds it, where the source gave one; else
     *                 null
     */
    @JsonPropertyOrder({"key", "number", "priority", "openedAt", "link"})
    public record EvidenceTicket(String key, String number, int priority, Instant openedAt,
                                 @JsonInclude(JsonInclude.Include.ALWAYS) String link) {
        public EvidenceTicket {
            Objects.requireNonNull(key, "key");
        }
    }

    /** Builds a {@link DemandEntry}. */
    public static final class Builder {
        private String id;
        private int rank;
        private String service;
        private String pattern;
        private String tier;
        private String previousTier;
        private double score;
        private double wsjf;
        private List<CriterionLine> criteria = List.of();
        private String explanation;
        private Status status;
        private Instant firstRaisedAt;
        private Instant evaluatedAt;
        private long ageDays;
        private List<EvidenceTicket> evidence = List.of();
        private List<String> initiatives = List.of();

        private Builder() {
        }

        public Builder id(String value) { this.id = value; return this; }
        public Builder rank(int value) { this.rank = value; return this; }
        public Builder service(String value) { this.service = value; return this; }
        public Builder pattern(String value) { this.pattern = value; return this; }
        public Builder tier(String value) { this.tier = value; return this; }
        public Builder previousTier(String value) { this.previousTier = value; return this; }
        public Builder score(double value) { this.score = value; return this; }
        public Builder wsjf(double value) { this.wsjf = value; return this; }
        public Builder criteria(List<CriterionLine> value) { this.criteria = value; return this; }
        public Builder explanation(String value) { this.explanation = value; return this; }
        public Builder status(Status value) { this.status = value; return this; }
        public Builder firstRaisedAt(Instant value) { this.firstRaisedAt = value; return this; }
        public Builder evaluatedAt(Instant value) { this.evaluatedAt = value; return this; }
        public Builder ageDays(long value) { this.ageDays = value; return this; }
        public Builder evidence(List<EvidenceTicket> value) { this.evidence = value; return this; }
        public Builder initiatives(List<String> value) { this.initiatives = value; return this; }

        /** The entry; its anchor derives from the id. */
        public DemandEntry build() {
            Objects.requireNonNull(id, "id");
            return new DemandEntry(Anchors.demand(id), rank, id, service, pattern, tier, previousTier, score, wsjf,
                    criteria, explanation, status, firstRaisedAt, evaluatedAt, ageDays, evidence, initiatives);
        }
    }
}

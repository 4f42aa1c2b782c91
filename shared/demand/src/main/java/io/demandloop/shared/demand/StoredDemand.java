package io.demandloop.shared.demand;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.demandloop.shared.decision.DemandStatus;
import io.demandloop.shared.json.Json;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A demand as kept by {@link DemandRepository}: the latest evaluation's record, and what people decided about it.
 *
 * @param record            the record of the latest evaluation that raised it
 * @param contentHash       {@link #contentHash(DemandRecord)} of {@code record}
 * @param evaluatedAt       the as-of instant of that evaluation: an evaluation as of this instant or earlier
 *                          changes nothing
 * @param firstRaisedAt     the as-of instant of the first evaluation that raised it
 * @param status            where it stands
 * @param statusBy          who set the status (the evaluation itself for {@code new})
 * @param statusWhy         why; may be null
 * @param statusAt          when the status was set
 * @param rejectedScore     the score when it was rejected; null unless rejected
 * @param previousTier      the tier before the evaluation of {@code evaluatedAt}; null when it was new then
 * @param pendingEscalation why a {@code Demand Escalated} event is due for {@code evaluatedAt} and not yet confirmed
 *                          sent ({@link #NEW}, {@link #TIER_CHANGED}, {@link #RAISED_AGAIN}); null when none is. Set
 *                          with the write and cleared once the bus accepted the event, so that a crash in between
 *                          sends it on the retry
 */
public record StoredDemand(DemandRecord record, String contentHash, Instant evaluatedAt, Instant firstRaisedAt,
                           DemandStatus status, String statusBy, String statusWhy, Instant statusAt,
                           Double rejectedScore, DemandTier previousTier, String pendingEscalation) {

    /** Escalated because it is new. */
    public static final String NEW = "new";
    /** Escalated because its tier changed. */
    public static final String TIER_CHANGED = "tier-changed";
    /** Escalated because it was rejected and its score has since worsened beyond the margin. */
    public static final String RAISED_AGAIN = "raised-again";

    /** Validates; build stored demands with {@link #builder()}, which names each component. */
    public StoredDemand {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        Objects.requireNonNull(firstRaisedAt, "firstRaisedAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(statusAt, "statusAt");
    }

    /** The demand's identity, {@code <service>#<pattern>}. */
    public String id() {
        return record.id();
    }

    /**
     * A digest of what a demand says, leaving out what moves every night without the demand changing: the
     * evaluation instant, the windows' bounds and the explanation (which cites the dates). Two evaluations with the
     * same hash found the same tier, score, criteria, measures, figures and evidence tickets.
     */
    public static String contentHash(DemandRecord record) {
        ObjectNode content = Json.mapper().valueToTree(record);
        content.remove("explanation");
        ObjectNode evidence = (ObjectNode) content.get("evidence");
        if (evidence != null) {
            evidence.remove("asOf");
            evidence.remove("window");
            evidence.remove("previousStart");
        }
        try {
            byte[] bytes = Json.mapper().writeValueAsBytes(content);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 32);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** The same demand with another status. */
    public StoredDemand withStatus(DemandStatus newStatus, String by, String why, Instant at) {
        Double rejected = newStatus == DemandStatus.REJECTED ? Double.valueOf(record.score()) : null;
        return toBuilder().status(newStatus).statusBy(by).statusWhy(why).statusAt(at).rejectedScore(rejected).build();
    }

    /** The same demand with the escalation confirmed sent. */
    public StoredDemand escalated() {
        return toBuilder().pendingEscalation(null).build();
    }

    /** A builder with every component unset. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this demand's components, for a copy that changes some of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Builds a {@link StoredDemand} by naming each component, so that the instants and the strings cannot be swapped
     * silently. {@link #build()} validates as the canonical constructor does. Code outside this file builds stored
     * demands only through it ({@code RecordConstructionTest} checks that).
     */
    public static final class Builder {

        private DemandRecord record;
        private String contentHash;
        private Instant evaluatedAt;
        private Instant firstRaisedAt;
        private DemandStatus status;
        private String statusBy;
        private String statusWhy;
        private Instant statusAt;
        private Double rejectedScore;
        private DemandTier previousTier;
        private String pendingEscalation;

        private Builder() {
        }

        private Builder(StoredDemand demand) {
            this.record = demand.record;
            this.contentHash = demand.contentHash;
            this.evaluatedAt = demand.evaluatedAt;
            this.firstRaisedAt = demand.firstRaisedAt;
            this.status = demand.status;
            this.statusBy = demand.statusBy;
            this.statusWhy = demand.statusWhy;
            this.statusAt = demand.statusAt;
            this.rejectedScore = demand.rejectedScore;
            this.previousTier = demand.previousTier;
            this.pendingEscalation = demand.pendingEscalation;
        }

        /** See {@link StoredDemand#record()}. */
        public Builder record(DemandRecord record) {
            this.record = record;
            return this;
        }

        /** See {@link StoredDemand#contentHash()}. */
        public Builder contentHash(String contentHash) {
            this.contentHash = contentHash;
            return this;
        }

        /** See {@link StoredDemand#evaluatedAt()}. */
        public Builder evaluatedAt(Instant evaluatedAt) {
            this.evaluatedAt = evaluatedAt;
            return this;
        }

        /** See {@link StoredDemand#firstRaisedAt()}. */
        public Builder firstRaisedAt(Instant firstRaisedAt) {
            this.firstRaisedAt = firstRaisedAt;
            return this;
        }

        /** See {@link StoredDemand#status()}. */
        public Builder status(DemandStatus status) {
            this.status = status;
            return this;
        }

        /** See {@link StoredDemand#statusBy()}. */
        public Builder statusBy(String statusBy) {
            this.statusBy = statusBy;
            return this;
        }

        /** See {@link StoredDemand#statusWhy()}. */
        public Builder statusWhy(String statusWhy) {
            this.statusWhy = statusWhy;
            return this;
        }

        /** See {@link StoredDemand#statusAt()}. */
        public Builder statusAt(Instant statusAt) {
            this.statusAt = statusAt;
            return this;
        }

        /** See {@link StoredDemand#rejectedScore()}. */
        public Builder rejectedScore(Double rejectedScore) {
            this.rejectedScore = rejectedScore;
            return this;
        }

        /** See {@link StoredDemand#previousTier()}. */
        public Builder previousTier(DemandTier previousTier) {
            this.previousTier = previousTier;
            return this;
        }

        /** See {@link StoredDemand#pendingEscalation()}. */
        public Builder pendingEscalation(String pendingEscalation) {
            this.pendingEscalation = pendingEscalation;
            return this;
        }

        /** The stored demand; throws as the canonical constructor does when a required component is missing. */
        public StoredDemand build() {
            return new StoredDemand(record, contentHash, evaluatedAt, firstRaisedAt, status, statusBy, statusWhy,
                    statusAt, rejectedScore, previousTier, pendingEscalation);
        }
    }
}

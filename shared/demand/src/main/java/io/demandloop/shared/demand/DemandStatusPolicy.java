package io.demandloop.shared.demand;

import io.demandloop.shared.decision.DemandStatus;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * The demand status rules of docs/demand.md#status, as pure functions of what is stored and what happened; the
 * services call them and the repository only writes their result, conditionally.
 *
 * <ul>
 *   <li>An evaluation ({@link #afterEvaluation}) raises a new demand as {@link DemandStatus#NEW}; it keeps the
 *       status people set, except that a {@link DemandStatus#REJECTED} demand whose score rose above its score when
 *       rejected by more than the margin is {@code NEW} again ({@link StoredDemand#RAISED_AGAIN}); a tier change of a
 *       demand that is not rejected is escalated ({@link StoredDemand#TIER_CHANGED}).</li>
 *   <li>A person's decision ({@link #decide}) may move a demand from any status to any status; only its time
 *       counts: a decision newer than the status in force applies, a repeated one (a redelivery) or an older one
 *       changes nothing but the history.</li>
 * </ul>
 */
public final class DemandStatusPolicy {

    /** Who sets the status of a demand the evaluation raises. */
    public static final String EVALUATION = "demand-evaluation";

    private final double rejectedScoreMargin;

    /**
     * @param rejectedScoreMargin how much a rejected demand's score must rise above its score when rejected before it
     *                            is raised again
     */
    public DemandStatusPolicy(double rejectedScoreMargin) {
        this.rejectedScoreMargin = rejectedScoreMargin;
    }

    /** The demand after the evaluation as of {@code asOf} that raised {@code record}; {@code previous} null if new. */
    public StoredDemand afterEvaluation(DemandRecord record, Instant asOf, StoredDemand previous) {
        String hash = StoredDemand.contentHash(record);
        if (previous == null) {
            return StoredDemand.builder().record(record).contentHash(hash).evaluatedAt(asOf).firstRaisedAt(asOf)
                    .status(DemandStatus.NEW).statusBy(EVALUATION).statusAt(asOf).pendingEscalation(StoredDemand.NEW)
                    .build();
        }
        DemandStatus status = previous.status();
        String by = previous.statusBy();
        String why = previous.statusWhy();
        Instant statusAt = previous.statusAt();
        Double rejectedScore = previous.rejectedScore();
        String escalation = null;
        if (status == DemandStatus.REJECTED) {
            double threshold = (rejectedScore == null ? 0 : rejectedScore) + rejectedScoreMargin;
            if (record.score() > threshold && asOf.isAfter(statusAt)) {
                escalation = StoredDemand.RAISED_AGAIN;
                why = String.format(Locale.ROOT, "score rose from %.2f when rejected to %.2f, more than the margin %.2f",
                        rejectedScore == null ? 0 : rejectedScore, record.score(), rejectedScoreMargin);
                status = DemandStatus.NEW;
                by = EVALUATION;
                statusAt = asOf;
                rejectedScore = null;
            }
        } else if (record.tier() != previous.record().tier()) {
            escalation = StoredDemand.TIER_CHANGED;
        }
        return StoredDemand.builder().record(record).contentHash(hash).evaluatedAt(asOf)
                .firstRaisedAt(previous.firstRaisedAt()).status(status).statusBy(by).statusWhy(why).statusAt(statusAt)
                .rejectedScore(rejectedScore).previousTier(previous.record().tier()).pendingEscalation(escalation)
                .build();
    }

    /** What a person's decision does to the demand stored now ({@code current}). */
    public static StatusDecision decide(StoredDemand current, DemandStatusChange change) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(change, "change");
        if (change.at().equals(current.statusAt())) {
            return new StatusDecision(Effect.REPEATED, current);
        }
        if (change.at().isBefore(current.statusAt())) {
            return new StatusDecision(Effect.SUPERSEDED, current);
        }
        return new StatusDecision(Effect.APPLIED,
                current.withStatus(change.status(), change.by(), change.why(), change.at()));
    }

    /** What a decision did. */
    public enum Effect {
        /** Newer than the status in force: the demand takes it (a rejection keeps the score it was rejected at). */
        APPLIED,
        /** As of the same instant as the status in force (a redelivery): kept in the history only. */
        REPEATED,
        /** Older than the status in force: kept in the history only. */
        SUPERSEDED
    }

    /**
     * A decision's result.
     *
     * @param effect what it did
     * @param demand the demand after it: the changed one, or the one stored unchanged
     */
    public record StatusDecision(Effect effect, StoredDemand demand) {
        public StatusDecision {
            Objects.requireNonNull(effect, "effect");
            Objects.requireNonNull(demand, "demand");
        }

        /** Whether the demand must be written. */
        public boolean changed() {
            return effect == Effect.APPLIED;
        }
    }
}

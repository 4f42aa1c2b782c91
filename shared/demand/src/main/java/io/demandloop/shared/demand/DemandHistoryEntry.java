package io.demandloop.shared.demand;

import io.demandloop.shared.decision.DemandStatus;
import java.time.Instant;

/**
 * One step of a demand's history: an evaluation that changed it, or a status change.
 *
 * @param id          the demand's identity
 * @param at          the evaluation's as-of instant, or when the status was set
 * @param kind        {@code evaluation} or {@code status}
 * @param tier        the tier then (evaluations)
 * @param score       the score then (evaluations)
 * @param contentHash the record's {@link StoredDemand#contentHash} (evaluations)
 * @param status      the status set (status changes)
 * @param by          who set it (status changes)
 * @param why         why (status changes); may be null
 */
public record DemandHistoryEntry(String id, Instant at, String kind, DemandTier tier, Double score,
                                 String contentHash, DemandStatus status, String by, String why) {

    public static final String EVALUATION = "evaluation";
    public static final String STATUS = "status";
}

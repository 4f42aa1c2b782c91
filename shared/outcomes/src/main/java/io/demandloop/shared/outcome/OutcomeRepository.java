package io.demandloop.shared.outcome;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: where measured outcomes are kept: the current outcome of each initiative, and its history (every
 * measurement that changed the verdict). Writes are conditional on the measurement instant, so a measurement re-run
 * for the same night, or an older night replayed, changes nothing. Every read is a GetItem or a Query.
 */
public interface OutcomeRepository {

    /** The current outcome of this initiative, if it was ever measured. */
    Optional<StoredOutcome> find(String initiativeId);

    /** The current outcome of every measured initiative, by initiative id. */
    List<StoredOutcome> findAll();

    /**
     * Writes the outcome as the initiative's current one unless one measured as of the same instant or later is
     * stored; adds a history entry when the verdict differs from {@code previous}'s (or there is none).
     *
     * @param outcome      the new measurement
     * @param previous     the current outcome as read before measuring; null when none was stored
     * @param pendingEvent whether an {@code Outcome Measured} event is due for it
     * @return whether it was written; false when the condition failed (an as-new or newer measurement is stored)
     */
    boolean save(Outcome outcome, Outcome previous, boolean pendingEvent);

    /** Clears {@code pendingEvent} if the stored outcome is still the one measured as of {@code measuredAt}. */
    void confirmEvent(String initiativeId, Instant measuredAt);

    /** The outcome's history, oldest first. */
    List<OutcomeHistoryEntry> history(String initiativeId);
}

package io.demandloop.shared.outcome;

import java.util.Objects;

/**
 * An outcome as {@link OutcomeRepository} keeps it: the latest measurement, and whether its {@code Outcome Measured}
 * event is still to be confirmed sent.
 *
 * @param outcome      the latest measurement
 * @param pendingEvent true from the write that found a new or changed verdict until the bus accepted its event, so
 *                     that a crash in between sends it on the retry (at least once)
 */
public record StoredOutcome(Outcome outcome, boolean pendingEvent) {
    public StoredOutcome {
        Objects.requireNonNull(outcome, "outcome");
    }
}

package io.demandloop.shared.ticket;

import java.time.Instant;

/**
 * What only a change carries.
 *
 * @param outcome      how it ended; null while not implemented or unknown
 * @param plannedStart the start of its window; may be null
 * @param plannedEnd   the end of its window; may be null
 */
public record ChangeDetails(ChangeOutcome outcome, Instant plannedStart, Instant plannedEnd) {
}

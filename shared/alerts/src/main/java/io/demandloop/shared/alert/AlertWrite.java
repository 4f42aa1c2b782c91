package io.demandloop.shared.alert;

import io.demandloop.shared.ticket.StoreOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What storing one version of an alert did, and where in time the alert is and was, so that the episodes around
 * it, and around where it was before, can be brought in line, also by the retry of a delivery that crashed after
 * the alert's write.
 *
 * @param outcome        stored, duplicate or stale
 * @param storedStartsAt the start of the version stored now (this one, or the newer one that won)
 * @param formerStarts   starts the alert had in earlier stored versions that its episodes may still reflect (a
 *                       newer version moved it); usually empty
 */
public record AlertWrite(StoreOutcome outcome, Instant storedStartsAt, List<Instant> formerStarts) {

    public AlertWrite {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(storedStartsAt, "storedStartsAt");
        formerStarts = formerStarts == null ? List.of()
                : formerStarts.stream().filter(Objects::nonNull).filter(s -> !s.equals(storedStartsAt)).distinct().toList();
    }

    /** Every start whose episodes should be reconciled: the stored one first, then the former ones. */
    public List<Instant> starts() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(storedStartsAt), formerStarts.stream()).toList();
    }
}

package io.demandloop.shared.initiative;

import io.demandloop.shared.ticket.StoreOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: where initiatives are kept, one item per initiative, newest source version wins (the ticket store's rule).
 * Every read is a GetItem or a Query: none grows with the number of initiatives outside what it asks for.
 */
public interface InitiativeRepository {

    /**
     * Stores the initiative unless the same or a newer source version is already stored.
     *
     * @return what happened; never throws for a duplicate or stale version
     */
    StoreOutcome store(Initiative initiative);

    /** The initiative with this id ({@code <source>#<sourceId>}), if stored. */
    Optional<Initiative> find(String id);

    /** Every stored initiative, newest {@code sourceUpdatedAt} first (for {@code query initiatives}). */
    List<Initiative> findAll();

    /**
     * The delivered initiatives whose {@code deliveredAt} lies in {@code [from, to]}, oldest delivery first: what the
     * nightly outcome measurement reads (from = the oldest delivery still inside a measurement window).
     */
    List<Initiative> findDeliveredBetween(Instant from, Instant to);

    /** The initiatives that name this demand id in {@code demandIds} (lineage). */
    List<Initiative> findByDemand(String demandId);
}

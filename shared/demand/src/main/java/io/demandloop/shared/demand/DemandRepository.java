package io.demandloop.shared.demand;

import io.demandloop.shared.decision.KnownDemands;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: where demands are kept: the current state of each demand by its id, and its history (every evaluation
 * that changed it, every status change). Writes are conditional on the evaluation instant, so an evaluation
 * re-run for the same night, or an older one replayed, changes nothing. Every read is a Query by service or tier.
 *
 * <p>Beside the demands, one {@link CapacitySnapshot} per evaluation instant (support load against team capacity),
 * kept once and never changed.
 */
public interface DemandRepository extends KnownDemands {

    /** The demand with this id ({@code <service>#<pattern>}), if stored. */
    Optional<StoredDemand> find(String id);

    @Override
    default boolean contains(String demandId) {
        return find(demandId).isPresent();
    }

    /** The demands of one service, by id. */
    List<StoredDemand> findByService(String service);

    /** The demands in one tier, highest score first. */
    List<StoredDemand> findByTier(DemandTier tier);

    /**
     * Writes the demand, conditional on what was read before: when {@code previous} is null, that none is stored;
     * else that the stored one is still evaluated as of {@code previous.evaluatedAt()} with the status set at
     * {@code previous.statusAt()} (so a status set meanwhile is not overwritten) and that {@code demand} is newer.
     * Adds an evaluation entry to the history when the content hash differs from {@code previous}'s.
     *
     * @return whether it was written; false when the condition failed (read again and decide again)
     */
    boolean save(StoredDemand demand, StoredDemand previous);

    /** Clears {@code pendingEscalation} if the stored demand is still the one evaluated as of {@code evaluatedAt}. */
    void confirmEscalation(String id, Instant evaluatedAt);

    /**
     * Adds a status change to the demand's history; a redelivery of the same change (same {@code at}) writes nothing.
     * What the change does to the demand is {@link DemandStatusPolicy#decide}'s to say.
     */
    void addStatusEntry(DemandStatusChange change);

    /**
     * Writes the demand with its new status, conditional on the stored one being still {@code current} (evaluated as
     * of {@code current.evaluatedAt()}, its status set at {@code current.statusAt()}).
     *
     * @return whether it was written; false when the condition failed (read again and decide again)
     */
    boolean saveStatus(StoredDemand next, StoredDemand current);

    /** The demand's history, oldest first. */
    List<DemandHistoryEntry> history(String id);

    /**
     * Keeps a night's capacity snapshot, unless one is already kept for its {@code asOf}: a re-run of the same night
     * writes nothing new.
     *
     * @return whether it was written
     */
    boolean saveCapacity(CapacitySnapshot snapshot);

    /** The newest capacity snapshot whose {@code asOf} is at or before {@code at}; empty when none is. */
    Optional<CapacitySnapshot> latestCapacity(Instant at);
}

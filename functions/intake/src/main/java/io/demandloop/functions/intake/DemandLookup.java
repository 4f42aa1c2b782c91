package io.demandloop.functions.intake;

import io.demandloop.shared.demand.CapacitySnapshot;
import io.demandloop.shared.demand.DemandHistoryEntry;
import io.demandloop.shared.demand.DemandRepository;
import io.demandloop.shared.demand.DemandStatusChange;
import io.demandloop.shared.demand.DemandTier;
import io.demandloop.shared.demand.StoredDemand;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The intake's demand lookup ({@link #find} only), its repository built at the first lookup instead of at init: only
 * initiatives and demand decisions name demands, so a cold start that delivers a ticket or an alert builds no
 * DynamoDB client. SnapStart priming looks one up, so a snapshot holds the client built.
 */
final class DemandLookup implements DemandRepository {

    private final Lazy<DemandRepository> repository;

    DemandLookup(Supplier<DemandRepository> factory) {
        this.repository = new Lazy<>(factory);
    }

    /** Whether the repository has been built (for tests). */
    boolean built() {
        return repository.built();
    }

    @Override
    public Optional<StoredDemand> find(String id) {
        return repository.get().find(id);
    }

    private static UnsupportedOperationException lookupOnly() {
        return new UnsupportedOperationException("the intake only looks demands up");
    }

    @Override
    public List<StoredDemand> findByService(String service) {
        throw lookupOnly();
    }

    @Override
    public List<StoredDemand> findByTier(DemandTier tier) {
        throw lookupOnly();
    }

    @Override
    public boolean save(StoredDemand demand, StoredDemand previous) {
        throw lookupOnly();
    }

    @Override
    public void confirmEscalation(String id, Instant evaluatedAt) {
        throw lookupOnly();
    }

    @Override
    public void addStatusEntry(DemandStatusChange change) {
        throw lookupOnly();
    }

    @Override
    public boolean saveStatus(StoredDemand next, StoredDemand current) {
        throw lookupOnly();
    }

    @Override
    public List<DemandHistoryEntry> history(String id) {
        throw lookupOnly();
    }

    @Override
    public boolean saveCapacity(CapacitySnapshot snapshot) {
        throw lookupOnly();
    }

    @Override
    public Optional<CapacitySnapshot> latestCapacity(Instant at) {
        throw lookupOnly();
    }
}

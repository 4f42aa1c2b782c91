package io.demandloop.functions.intake;

import io.demandloop.shared.demand.CapacitySnapshot;
import io.demandloop.shared.demand.DemandHistoryEntry;
import io.demandloop.shared.demand.DemandRepository;
import io.demandloop.shared.demand.DemandStatusChange;
import io.demandloop.shared.demand.DemandTier;
import io.demandloop.shared.demand.StoredDemand;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The intake's demand lookup ({@link #find} only), its repository built at the first lookup instead of at init: only
 * initiatives and demand decisions name demands, so a cold start that delivers a ticket or an alert builds no
 * DynamoDB client. SnapStart priming looks one up, so a snapshot holds the client built.
 */
final class DemandLookup implements DemandRepository {

    private final Supplier<DemandRepository> factory;
    private volatile DemandRepository repository;

    DemandLookup(Supplier<DemandRepository> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** Whether the repository has been built (for tests). */
    boolean built() {
        return repository != null;
    }

    @Override
    public Optional<StoredDemand> find(String id) {
        return repository().find(id);
    }

    private DemandRepository repository() {
        DemandRepository built = repository;
        if (built == null) {
            synchronized (this) {
                built = repository;
                if (built == null) {
                    built = Objects.requireNonNull(factory.get(), "repository");
                    repository = built;
                }
            }
        }
        return built;
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
    public Optional<StoredDemand> setStatus(DemandStatusChange change) {
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

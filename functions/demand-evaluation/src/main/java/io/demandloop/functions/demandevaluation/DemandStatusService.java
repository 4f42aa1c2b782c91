package io.demandloop.functions.demandevaluation;

import io.demandloop.shared.demand.DemandRepository;
import io.demandloop.shared.demand.DemandStatusChange;
import io.demandloop.shared.demand.DemandStatusPolicy;
import io.demandloop.shared.demand.DemandStatusPolicy.StatusDecision;
import io.demandloop.shared.demand.StoredDemand;
import java.util.Objects;
import java.util.Optional;

/**
 * Sets a demand's status as someone decided: keeps the decision in the demand's history (once, however often it is
 * delivered), asks {@link DemandStatusPolicy#decide} what it does to the demand stored now, and writes the result
 * conditional on that demand being still the one read. When an evaluation or another decision wrote in between, it
 * reads again and decides again.
 */
public final class DemandStatusService {

    private static final int MAX_ATTEMPTS = 5;

    private final DemandRepository demands;

    public DemandStatusService(DemandRepository demands) {
        this.demands = Objects.requireNonNull(demands, "demands");
    }

    /**
     * Applies the decision; a redelivery, or a decision older than the one in force, changes only the history.
     *
     * @return the demand as stored after the decision; empty when no such demand is stored
     */
    public Optional<StoredDemand> setStatus(DemandStatusChange change) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<StoredDemand> stored = demands.find(change.id());
            if (stored.isEmpty()) {
                return Optional.empty();
            }
            demands.addStatusEntry(change);
            StatusDecision decision = DemandStatusPolicy.decide(stored.get(), change);
            if (!decision.changed() || demands.saveStatus(decision.demand(), stored.get())) {
                return Optional.of(decision.demand());
            }
            // an evaluation or another status change came in between: read again
        }
        throw new IllegalStateException("the demand '" + change.id() + "' kept changing while its status was set");
    }
}

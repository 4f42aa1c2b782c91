package io.demandloop.shared.testing;

import io.demandloop.shared.initiative.Initiative;
import io.demandloop.shared.initiative.InitiativeRepository;
import io.demandloop.shared.ticket.StoreOutcome;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link InitiativeRepository} with the DynamoDB adapter's rule: newest source version wins. */
public final class InMemoryInitiativeRepository implements InitiativeRepository {

    private final Map<String, Initiative> initiatives = new ConcurrentHashMap<>();

    @Override
    public synchronized StoreOutcome store(Initiative initiative) {
        Initiative existing = initiatives.get(initiative.id());
        if (existing != null && existing.sourceVersion() >= initiative.sourceVersion()) {
            return existing.sourceVersion() == initiative.sourceVersion() ? StoreOutcome.DUPLICATE : StoreOutcome.STALE;
        }
        initiatives.put(initiative.id(), initiative);
        return StoreOutcome.STORED;
    }

    @Override
    public Optional<Initiative> find(String id) {
        return Optional.ofNullable(initiatives.get(id));
    }

    @Override
    public List<Initiative> findAll() {
        return initiatives.values().stream()
                .sorted(Comparator.comparing(Initiative::sourceUpdatedAt).reversed().thenComparing(Initiative::id))
                .toList();
    }

    @Override
    public List<Initiative> findDeliveredBetween(Instant from, Instant to) {
        return initiatives.values().stream()
                .filter(Initiative::delivered)
                .filter(i -> !i.deliveredAt().isBefore(from) && !i.deliveredAt().isAfter(to))
                .sorted(Comparator.comparing(Initiative::deliveredAt).thenComparing(Initiative::id))
                .toList();
    }

    @Override
    public List<Initiative> findByDemand(String demandId) {
        return initiatives.values().stream()
                .filter(i -> i.demandIds().contains(demandId))
                .sorted(Comparator.comparing(Initiative::id))
                .toList();
    }
}

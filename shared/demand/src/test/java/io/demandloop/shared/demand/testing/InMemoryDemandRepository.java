package io.demandloop.shared.demand.testing;

import io.demandloop.shared.decision.DemandId;
import io.demandloop.shared.demand.CapacitySnapshot;
import io.demandloop.shared.demand.DemandHistoryEntry;
import io.demandloop.shared.demand.DemandRepository;
import io.demandloop.shared.demand.DemandStatusChange;
import io.demandloop.shared.demand.DemandTier;
import io.demandloop.shared.demand.StoredDemand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/** {@link DemandRepository} in memory, with the conditions of the DynamoDB adapter. */
public final class InMemoryDemandRepository implements DemandRepository {

    private final Map<String, StoredDemand> current = new TreeMap<>();
    private final Map<String, DemandHistoryEntry> history = new TreeMap<>();
    private final NavigableMap<Instant, CapacitySnapshot> capacity = new TreeMap<>();
    private int writes;
    private int capacityWrites;

    @Override
    public synchronized Optional<StoredDemand> find(String id) {
        DemandId.parse(id);
        return Optional.ofNullable(current.get(id));
    }

    @Override
    public synchronized List<StoredDemand> findByService(String service) {
        return current.values().stream().filter(d -> d.record().service().equals(service)).toList();
    }

    @Override
    public synchronized List<StoredDemand> findByTier(DemandTier tier) {
        return current.values().stream().filter(d -> d.record().tier() == tier)
                .sorted(Comparator.comparingDouble((StoredDemand d) -> d.record().score()).reversed()
                        .thenComparing(StoredDemand::id, Comparator.reverseOrder()))
                .toList();
    }

    @Override
    public synchronized boolean save(StoredDemand demand, StoredDemand previous) {
        if (previous == null || !previous.contentHash().equals(demand.contentHash())) {
            putOnce(new DemandHistoryEntry(demand.id(), demand.evaluatedAt(), DemandHistoryEntry.EVALUATION,
                    demand.record().tier(), demand.record().score(), demand.contentHash(), null, null, null));
        }
        StoredDemand stored = current.get(demand.id());
        boolean ok = previous == null ? stored == null
                : stored != null && stored.evaluatedAt().equals(previous.evaluatedAt())
                        && stored.statusAt().equals(previous.statusAt())
                        && demand.evaluatedAt().isAfter(stored.evaluatedAt());
        if (ok) {
            current.put(demand.id(), demand);
            writes++;
        }
        return ok;
    }

    @Override
    public synchronized void confirmEscalation(String id, Instant evaluatedAt) {
        StoredDemand stored = current.get(id);
        if (stored != null && stored.evaluatedAt().equals(evaluatedAt) && stored.pendingEscalation() != null) {
            current.put(id, stored.escalated());
            writes++;
        }
    }

    @Override
    public synchronized void addStatusEntry(DemandStatusChange change) {
        DemandId.parse(change.id());
        putOnce(new DemandHistoryEntry(change.id(), change.at(), DemandHistoryEntry.STATUS, null, null, null,
                change.status(), change.by(), change.why()));
    }

    @Override
    public synchronized boolean saveStatus(StoredDemand next, StoredDemand current) {
        StoredDemand stored = this.current.get(next.id());
        boolean ok = stored != null && stored.evaluatedAt().equals(current.evaluatedAt())
                && stored.statusAt().equals(current.statusAt());
        if (ok) {
            this.current.put(next.id(), next);
            writes++;
        }
        return ok;
    }

    @Override
    public synchronized List<DemandHistoryEntry> history(String id) {
        List<DemandHistoryEntry> entries = new ArrayList<>();
        for (DemandHistoryEntry entry : history.values()) {
            if (entry.id().equals(id)) {
                entries.add(entry);
            }
        }
        entries.sort(Comparator.comparing(DemandHistoryEntry::at));
        return entries;
    }

    @Override
    public synchronized boolean saveCapacity(CapacitySnapshot snapshot) {
        if (capacity.containsKey(snapshot.asOf())) {
            return false;
        }
        capacity.put(snapshot.asOf(), snapshot);
        capacityWrites++;
        return true;
    }

    @Override
    public synchronized Optional<CapacitySnapshot> latestCapacity(Instant at) {
        Map.Entry<Instant, CapacitySnapshot> entry = capacity.floorEntry(at);
        return entry == null ? Optional.empty() : Optional.of(entry.getValue());
    }

    /** Every capacity snapshot kept, oldest first. */
    public synchronized List<CapacitySnapshot> capacitySnapshots() {
        return List.copyOf(capacity.values());
    }

    /** How many capacity snapshots were written. */
    public synchronized int capacityWrites() {
        return capacityWrites;
    }

    /** Every current demand, by id. */
    public synchronized List<StoredDemand> all() {
        return List.copyOf(current.values());
    }

    /** How many writes of current items succeeded (history entries not counted). */
    public synchronized int writes() {
        return writes;
    }

    private void putOnce(DemandHistoryEntry entry) {
        history.putIfAbsent(entry.id() + "|" + entry.at() + "|" + entry.kind(), entry);
    }
}

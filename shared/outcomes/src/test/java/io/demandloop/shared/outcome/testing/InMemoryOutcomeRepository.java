package io.demandloop.shared.outcome.testing;

import io.demandloop.shared.outcome.Outcome;
import io.demandloop.shared.outcome.OutcomeHistoryEntry;
import io.demandloop.shared.outcome.OutcomeRepository;
import io.demandloop.shared.outcome.StoredOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@link OutcomeRepository} in memory, with the conditions of the DynamoDB adapter; counts its writes. */
public final class InMemoryOutcomeRepository implements OutcomeRepository {

    private final Map<String, StoredOutcome> current = new TreeMap<>();
    private final Map<String, List<OutcomeHistoryEntry>> history = new TreeMap<>();
    private int writes;

    @Override
    public synchronized Optional<StoredOutcome> find(String initiativeId) {
        return Optional.ofNullable(current.get(initiativeId));
    }

    @Override
    public synchronized List<StoredOutcome> findAll() {
        return List.copyOf(current.values());
    }

    @Override
    public synchronized boolean save(Outcome outcome, Outcome previous, boolean pendingEvent) {
        if (previous != null && !previous.measuredAt().isBefore(outcome.measuredAt())) {
            return false;
        }
        if (previous == null || previous.verdict() != outcome.verdict()) {
            List<OutcomeHistoryEntry> entries = history.computeIfAbsent(outcome.initiativeId(), id -> new ArrayList<>());
            if (entries.stream().noneMatch(e -> e.measuredAt().equals(outcome.measuredAt()))) {
                entries.add(new OutcomeHistoryEntry(outcome.measuredAt(), outcome.verdict(), outcome.sentence(),
                        outcome.primary().change()));
                writes++;
            }
        }
        StoredOutcome stored = current.get(outcome.initiativeId());
        boolean ok = previous == null ? stored == null
                : stored != null && stored.outcome().measuredAt().equals(previous.measuredAt());
        if (ok) {
            current.put(outcome.initiativeId(), new StoredOutcome(outcome, pendingEvent));
            writes++;
        }
        return ok;
    }

    @Override
    public synchronized void confirmEvent(String initiativeId, Instant measuredAt) {
        StoredOutcome stored = current.get(initiativeId);
        if (stored != null && stored.outcome().measuredAt().equals(measuredAt) && stored.pendingEvent()) {
            current.put(initiativeId, new StoredOutcome(stored.outcome(), false));
            writes++;
        }
    }

    @Override
    public synchronized List<OutcomeHistoryEntry> history(String initiativeId) {
        return List.copyOf(history.getOrDefault(initiativeId, List.of()));
    }

    /** How many items were written (current puts, history entries, confirmations). */
    public synchronized int writes() {
        return writes;
    }
}

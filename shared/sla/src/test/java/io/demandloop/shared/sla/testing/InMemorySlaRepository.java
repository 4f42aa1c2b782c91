package io.demandloop.shared.sla.testing;

import io.demandloop.shared.sla.SlaBreach;
import io.demandloop.shared.sla.SlaClaim;
import io.demandloop.shared.sla.SlaRepository;
import io.demandloop.shared.sla.SlaState;
import io.demandloop.shared.sla.SlaTicketRecord;
import io.demandloop.shared.sla.TicketVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@link SlaRepository} in memory, with the same conditions as the DynamoDB adapter; thread-safe. */
public final class InMemorySlaRepository implements SlaRepository {

    private final Map<String, Map<Long, TicketVersion>> versions = new HashMap<>();
    private final Map<String, SlaClaim> claims = new TreeMap<>();
    private final Map<String, SlaState> states = new HashMap<>();
    private final Map<String, SlaBreach> breaches = new TreeMap<>();
    private int stateWrites;
    private int breachWrites;

    @Override
    public synchronized boolean recordVersion(TicketVersion version) {
        return versions.computeIfAbsent(version.ticketKey(), k -> new TreeMap<>())
                .putIfAbsent(version.sourceVersion(), version) == null;
    }

    @Override
    public synchronized SlaTicketRecord load(String ticketKey, String policyVersion) {
        Map<String, SlaClaim> own = new HashMap<>();
        claims.forEach((key, claim) -> {
            if (claim.ticketKey().equals(ticketKey)) {
                own.put(claim.thresholdId(), claim);
            }
        });
        Map<String, SlaBreach> ownBreaches = new HashMap<>();
        breaches.values().stream().filter(b -> b.ticketKey().equals(ticketKey)).forEach(b -> ownBreaches.put(b.id(), b));
        return new SlaTicketRecord(new ArrayList<>(versions.getOrDefault(ticketKey, Map.of()).values()), own,
                ownBreaches, Optional.ofNullable(states.get(stateKey(ticketKey, policyVersion))));
    }

    @Override
    public synchronized boolean saveState(SlaState state, long expectedRevision) {
        String key = stateKey(state.ticketKey(), state.policyVersion());
        SlaState stored = states.get(key);
        long revision = stored == null ? 0 : stored.revision();
        if (revision != expectedRevision) {
            return false;
        }
        states.put(key, state);
        stateWrites++;
        return true;
    }

    @Override
    public synchronized List<String> findDue(String policyVersion, Instant asOf) {
        return states.values().stream()
                .filter(s -> s.policyVersion().equals(policyVersion) && s.nextDue() != null && !s.nextDue().isAfter(asOf))
                .sorted(Comparator.comparing(SlaState::nextDue).thenComparing(SlaState::ticketKey))
                .map(SlaState::ticketKey).toList();
    }

    @Override
    public synchronized List<String> findTracked(String policyVersion) {
        return states.values().stream().filter(s -> s.policyVersion().equals(policyVersion))
                .map(SlaState::ticketKey).sorted().toList();
    }

    @Override
    public synchronized boolean claim(String ticketKey, String thresholdId, String policyVersion, String owner,
                                      Instant now, Instant leaseUntil) {
        String key = ticketKey + "|" + thresholdId;
        SlaClaim existing = claims.get(key);
        if (existing != null && (existing.handled() || !existing.leaseUntil().isBefore(now))) {
            return false;
        }
        claims.put(key, new SlaClaim(ticketKey, thresholdId, SlaClaim.Status.CLAIMED, policyVersion, owner, leaseUntil));
        return true;
    }

    @Override
    public synchronized void complete(String ticketKey, String thresholdId, String owner, SlaClaim.Status status) {
        String key = ticketKey + "|" + thresholdId;
        SlaClaim existing = claims.get(key);
        if (existing != null && owner.equals(existing.owner()) && !existing.handled()) {
            claims.put(key, new SlaClaim(ticketKey, thresholdId, status, existing.policyVersion(), owner, null));
        }
    }

    @Override
    public synchronized void release(String ticketKey, String thresholdId, String owner) {
        String key = ticketKey + "|" + thresholdId;
        SlaClaim existing = claims.get(key);
        if (existing != null && owner.equals(existing.owner()) && !existing.handled()) {
            claims.put(key, new SlaClaim(ticketKey, thresholdId, existing.status(), existing.policyVersion(), owner,
                    Instant.EPOCH));
        }
    }

    @Override
    public synchronized Map<String, SlaState> findStates(String policyVersion, Collection<String> ticketKeys) {
        Map<String, SlaState> found = new HashMap<>();
        for (String key : ticketKeys) {
            SlaState state = states.get(stateKey(key, policyVersion));
            if (state != null) {
                found.put(key, state);
            }
        }
        return found;
    }

    @Override
    public synchronized boolean recordBreach(SlaBreach breach) {
        if (breaches.putIfAbsent(breachKey(breach), breach) != null) {
            return false;
        }
        breachWrites++;
        return true;
    }

    @Override
    public synchronized boolean replaceBreach(SlaBreach recorded, SlaBreach breach) {
        if (!breachKey(recorded).equals(breachKey(breach))) {
            throw new IllegalArgumentException("a breach is replaced by one of the same ticket, metric and cycle");
        }
        if (!breaches.replace(breachKey(recorded), recorded, breach)) {
            return false;
        }
        breachWrites++;
        return true;
    }

    @Override
    public synchronized boolean removeBreach(SlaBreach recorded) {
        if (!breaches.remove(breachKey(recorded), recorded)) {
            return false;
        }
        breachWrites++;
        return true;
    }

    @Override
    public synchronized List<SlaBreach> breachesBetween(String service, Instant from, Instant to) {
        return breaches.values().stream()
                .filter(b -> b.service().equals(service) && !b.breachedAt().isBefore(from) && b.breachedAt().isBefore(to))
                .sorted(Comparator.comparing(SlaBreach::breachedAt)).toList();
    }

    /** Every recorded breach, for assertions. */
    public synchronized List<SlaBreach> breaches() {
        return List.copyOf(breaches.values());
    }

    /** How many breach writes (records, replacements, removals) succeeded. */
    public synchronized int breachWrites() {
        return breachWrites;
    }

    /** Every claim, for assertions. */
    public synchronized List<SlaClaim> claims() {
        return List.copyOf(claims.values());
    }

    /** The stored state of a ticket under a policy version, if any. */
    public synchronized Optional<SlaState> state(String ticketKey, String policyVersion) {
        return Optional.ofNullable(states.get(stateKey(ticketKey, policyVersion)));
    }

    /** How many state writes succeeded. */
    public synchronized int stateWrites() {
        return stateWrites;
    }

    private static String breachKey(SlaBreach breach) {
        return breach.ticketKey() + "|" + breach.id();
    }

    private static String stateKey(String ticketKey, String policyVersion) {
        return ticketKey + "|" + policyVersion;
    }
}

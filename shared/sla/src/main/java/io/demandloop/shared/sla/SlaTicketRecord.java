package io.demandloop.shared.sla;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the SLA table holds for one ticket, read at once: its versions, the claims of its thresholds
 * (across policy versions), its recorded breaches and its state under one policy version.
 *
 * @param versions its versions, in no particular order
 * @param claims   its claims by threshold id
 * @param breaches its recorded breaches by {@link SlaBreach#id()}
 * @param state    its state under the requested policy version, if stored
 */
public record SlaTicketRecord(List<TicketVersion> versions, Map<String, SlaClaim> claims, Map<String, SlaBreach> breaches,
                              Optional<SlaState> state) {

    public SlaTicketRecord {
        versions = List.copyOf(versions);
        claims = Map.copyOf(claims);
        breaches = Map.copyOf(breaches);
    }

    /** The ids of the thresholds that are published or skipped. */
    public Set<String> handled() {
        return claims.values().stream().filter(SlaClaim::handled).map(SlaClaim::thresholdId).collect(Collectors.toSet());
    }

    /** The revision of the stored state; 0 when none is stored. */
    public long revision() {
        return state.map(SlaState::revision).orElse(0L);
    }

    /** The newest version. */
    public Optional<TicketVersion> latest() {
        return versions.stream().max(java.util.Comparator.comparingLong(TicketVersion::sourceVersion));
    }

    /**
     * The breaches this record shows, by {@link SlaBreach#id()}, given its cycles ({@link SlaEvaluator#evaluate} of
     * {@link #versions}): the cycles whose clock reached the target at an instant already passed, as far as the
     * record knows. That is, at or before the latest instant of the history (the ticket stopped after its due
     * instant, or was still updated after it while its clock ran), or whenever an escalation run has claimed the
     * cycle's breach threshold (the run's instant was past it). Each counts for the service of the newest version.
     * A pure function of the record: the same versions and claims give the same breaches.
     */
    public Map<String, SlaBreach> knownBreaches(List<SlaCycle> cycles) {
        Optional<TicketVersion> newest = latest();
        if (newest.isEmpty()) {
            return Map.of();
        }
        Instant horizon = newest.get().openedAt();
        for (TicketVersion version : versions) {
            if (version.at().isAfter(horizon)) {
                horizon = version.at();
            }
        }
        Map<String, SlaBreach> known = new HashMap<>();
        for (SlaCycle cycle : cycles) {
            Instant breachAt = cycle.breachAt();
            if (breachAt != null && (!breachAt.isAfter(horizon)
                    || claims.containsKey(cycle.thresholdId(SlaThreshold.BREACH)))) {
                SlaBreach breach = SlaBreach.of(newest.get(), cycle);
                known.put(breach.id(), breach);
            }
        }
        return known;
    }
}

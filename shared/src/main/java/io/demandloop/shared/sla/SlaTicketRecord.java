package io.demandloop.shared.sla;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the SLA table holds for one ticket, read at once: its versions, the claims of its thresholds
 * (across policy versions) and its state under one policy version.
 *
 * @param versions its versions, in no particular order
 * @param claims   its claims by threshold id
 * @param state    its state under the requested policy version, if stored
 */
public record SlaTicketRecord(List<TicketVersion> versions, Map<String, SlaClaim> claims, Optional<SlaState> state) {

    public SlaTicketRecord {
        versions = List.copyOf(versions);
        claims = Map.copyOf(claims);
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
}

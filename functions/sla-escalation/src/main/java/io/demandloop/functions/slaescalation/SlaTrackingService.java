package io.demandloop.functions.slaescalation;

import io.demandloop.shared.sla.SlaEvaluator;
import io.demandloop.shared.sla.SlaRepository;
import io.demandloop.shared.sla.SlaState;
import io.demandloop.shared.sla.TicketVersion;
import io.demandloop.shared.ticket.Ticket;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the SLA history of every ticket version that arrives and the ticket's SLA state in line with it.
 *
 * <p>Idempotent: the version is recorded with a conditional put (a redelivery records nothing) and the state is
 * recomputed from the whole stored history either way, so a retry after a crash between the two writes
 * completes the state, and versions arriving in any order end in the same state.
 */
public final class SlaTrackingService {

    private static final Logger LOG = LoggerFactory.getLogger(SlaTrackingService.class);

    private final SlaRepository repository;
    private final SlaStateWriter writer;

    public SlaTrackingService(SlaRepository repository, SlaEvaluator evaluator) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.writer = new SlaStateWriter(repository, evaluator);
    }

    /**
     * Records the version and refreshes the ticket's SLA state.
     *
     * @return what was done
     */
    public Tracked track(Ticket ticket) {
        TicketVersion version = TicketVersion.of(ticket);
        boolean recorded = repository.recordVersion(version);
        Optional<SlaState> state = writer.refresh(version.ticketKey());
        LOG.info("SLA tracking of {} version {}: {}, next due {}", version.ticketKey(), version.sourceVersion(),
                recorded ? "recorded" : "already recorded", state.map(SlaState::nextDue).orElse(null));
        return new Tracked(version.ticketKey(), recorded, state.map(SlaState::nextDue).orElse(null), state.isPresent());
    }

    /**
     * What tracking one version did.
     *
     * @param ticket   the ticket's key
     * @param recorded true when the version was new
     * @param nextDue  the next due threshold; null when none is pending
     * @param tracked  false when no SLA policy applies to the ticket
     */
    public record Tracked(String ticket, boolean recorded, java.time.Instant nextDue, boolean tracked) {
    }
}

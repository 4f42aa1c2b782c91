package io.demandloop.functions.ticketstore;

import io.demandloop.shared.metrics.PipelineMetrics;
import io.demandloop.shared.ticket.StoreOutcome;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketRepository;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps the newest source version of each ticket; a redelivery or an older version changes nothing. */
public final class TicketStoreService {

    private static final Logger LOG = LoggerFactory.getLogger(TicketStoreService.class);

    private final TicketRepository tickets;
    private final PipelineMetrics metrics;

    public TicketStoreService(TicketRepository tickets) {
        this(tickets, PipelineMetrics.none());
    }

    /** With the metrics each ticket is counted in, by outcome (stored, duplicate, stale). */
    public TicketStoreService(TicketRepository tickets, PipelineMetrics metrics) {
        this.tickets = Objects.requireNonNull(tickets, "tickets");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Stores the ticket if it is newer than what is stored, and says what happened. */
    public StoreOutcome store(Ticket ticket) {
        StoreOutcome outcome = tickets.store(ticket);
        LOG.info("ticket {} version {}: {}", ticket.key(), ticket.sourceVersion(), outcome);
        metrics.recordStored("tickets", outcome.name());
        return outcome;
    }
}

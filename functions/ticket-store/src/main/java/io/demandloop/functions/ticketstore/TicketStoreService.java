package io.demandloop.functions.ticketstore;

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

    public TicketStoreService(TicketRepository tickets) {
        this.tickets = Objects.requireNonNull(tickets, "tickets");
    }

    /** Stores the ticket if it is newer than what is stored, and says what happened. */
    public StoreOutcome store(Ticket ticket) {
        StoreOutcome outcome = tickets.store(ticket);
        LOG.info("ticket {} version {}: {}", ticket.key(), ticket.sourceVersion(), outcome);
        return outcome;
    }
}

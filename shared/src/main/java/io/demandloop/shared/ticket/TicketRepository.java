package io.demandloop.shared.ticket;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: where canonical tickets are kept, one item per ticket, newest source version wins. */
public interface TicketRepository {

    /**
     * Stores the ticket unless the same or a newer source version is already stored.
     *
     * @return what happened; never throws for a duplicate or stale version
     */
    StoreOutcome store(Ticket ticket);

    /** The stored ticket with this identity, if any. */
    Optional<Ticket> find(String source, TicketKind kind, String sourceId);

    /**
     * Tickets of one kind opened in {@code [from, to]}, read through the opened-month index: the cost
     * depends on the window, not on the total history.
     */
    List<Ticket> findOpenedBetween(TicketKind kind, Instant from, Instant to);
}

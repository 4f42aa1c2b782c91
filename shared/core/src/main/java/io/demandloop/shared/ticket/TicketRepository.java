package io.demandloop.shared.ticket;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Port: where canonical tickets are kept, one item per ticket, newest source version wins. Everything else
 * (counts per service and day, open tickets per service) is derived from those items, so a redelivery, any
 * arrival order or a retry after a crash cannot make it drift, and it can always be rebuilt.
 */
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
     * Tickets of one kind opened in {@code [from, to]}, oldest first, read through the opened index: the cost
     * depends on the window, not on the total history.
     */
    List<Ticket> findOpenedBetween(TicketKind kind, Instant from, Instant to);

    /**
     * The lifecycle counts of one service on one UTC day, by the rules of {@link DailyCounts}. Read from
     * indexes that follow the tickets eventually (within a second or so on DynamoDB), never by Scan.
     */
    DailyCounts countsFor(String service, LocalDate day);

    /** The counts of each day of {@code [from, to]}, in day order. */
    default List<DailyCounts> countsFor(String service, LocalDate from, LocalDate to) {
        List<DailyCounts> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days.add(countsFor(service, day));
        }
        return days;
    }

    /**
     * The tickets of one kind and service that are open now (not resolved, closed, cancelled or deleted), oldest
     * first. Read from an index that follows the tickets eventually.
     */
    List<OpenTicket> findOpen(String service, TicketKind kind);
}

package io.demandloop.shared.testing;

import io.demandloop.shared.ticket.DailyCounts;
import io.demandloop.shared.ticket.OpenTicket;
import io.demandloop.shared.ticket.StoreOutcome;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketRepository;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link TicketRepository} that forwards every call to another one: the base of test decorators that count calls,
 * inject a failure or hold a write at one point and leave the rest alone.
 */
public class ForwardingTicketRepository implements TicketRepository {

    private final TicketRepository delegate;

    public ForwardingTicketRepository(TicketRepository delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public StoreOutcome store(Ticket ticket) {
        return delegate.store(ticket);
    }

    @Override
    public Optional<Ticket> find(String source, TicketKind kind, String sourceId) {
        return delegate.find(source, kind, sourceId);
    }

    @Override
    public List<Ticket> findOpenedBetween(TicketKind kind, Instant from, Instant to) {
        return delegate.findOpenedBetween(kind, from, to);
    }

    @Override
    public DailyCounts countsFor(String service, LocalDate day) {
        return delegate.countsFor(service, day);
    }

    @Override
    public List<OpenTicket> findOpen(String service, TicketKind kind) {
        return delegate.findOpen(service, kind);
    }
}

package io.demandloop.shared.testing;

import io.demandloop.shared.ticket.StoreOutcome;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link TicketRepository} with the same version rule as the DynamoDB adapter. */
public final class InMemoryTicketRepository implements TicketRepository {

    private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();

    @Override
    public synchronized StoreOutcome store(Ticket ticket) {
        Ticket existing = tickets.get(ticket.key());
        if (existing != null && existing.sourceVersion() >= ticket.sourceVersion()) {
            return existing.sourceVersion() == ticket.sourceVersion() ? StoreOutcome.DUPLICATE : StoreOutcome.STALE;
        }
        tickets.put(ticket.key(), ticket);
        return StoreOutcome.STORED;
    }

    @Override
    public Optional<Ticket> find(String source, TicketKind kind, String sourceId) {
        return Optional.ofNullable(tickets.get(Ticket.key(source, kind, sourceId)));
    }

    @Override
    public List<Ticket> findOpenedBetween(TicketKind kind, Instant from, Instant to) {
        List<Ticket> found = new ArrayList<>();
        for (Ticket t : tickets.values()) {
            if (t.kind() == kind && !t.openedAt().isBefore(from) && !t.openedAt().isAfter(to)) {
                found.add(t);
            }
        }
        found.sort(Comparator.comparing(Ticket::openedAt));
        return found;
    }

    /** Every stored ticket. */
    public List<Ticket> all() {
        return List.copyOf(tickets.values());
    }
}

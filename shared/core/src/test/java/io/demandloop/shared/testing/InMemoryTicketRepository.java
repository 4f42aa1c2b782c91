package io.demandloop.shared.testing;

import io.demandloop.shared.ticket.DailyCounts;
import io.demandloop.shared.ticket.OpenTicket;
import io.demandloop.shared.ticket.StoreOutcome;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketRepository;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory {@link TicketRepository} with the same rules as the DynamoDB adapter: the version rule of
 * {@link #store}, and counts and open tickets derived from the newest stored versions by the rules of
 * {@link DailyCounts} (without the adapter's index lag).
 */
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
        found.sort(Comparator.comparing(Ticket::openedAt).thenComparing(Ticket::key));
        return found;
    }

    @Override
    public synchronized DailyCounts countsFor(String service, LocalDate day) {
        DailyCounts.Tally.Builder opened = DailyCounts.Tally.builder();
        DailyCounts.Tally.Builder resolved = DailyCounts.Tally.builder();
        int reopened = 0;
        for (Ticket t : tickets.values()) {
            if (!t.service().equals(service)) {
                continue;
            }
            if (DailyCounts.openedDay(t).equals(day)) {
                opened.add(t.kind(), t.priority());
                reopened += t.reopenCount();
            }
            if (DailyCounts.resolvedDay(t).filter(day::equals).isPresent()) {
                resolved.add(t.kind(), t.priority());
            }
        }
        return new DailyCounts(service, day, opened.build(), resolved.build(), reopened);
    }

    @Override
    public synchronized List<OpenTicket> findOpen(String service, TicketKind kind) {
        return tickets.values().stream()
                .filter(t -> t.service().equals(service) && t.kind() == kind && DailyCounts.isOpen(t))
                .sorted(Comparator.comparing(Ticket::openedAt).thenComparing(Ticket::key))
                .map(OpenTicket::of)
                .toList();
    }

    /** Every stored ticket. */
    public List<Ticket> all() {
        return List.copyOf(tickets.values());
    }
}

package io.demandloop.shared.ticket;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The lifecycle counts of one service on one UTC day, derived from the stored tickets (their newest versions),
 * never from a counter: so they are exactly once under redelivery, reordering and retries, and a rebuild from
 * the stored records gives the same numbers.
 *
 * <p>Attribution rules, shared by every {@link TicketRepository}:
 * <ul>
 *   <li><b>opened</b>: tickets whose {@code openedAt} falls on the day;</li>
 *   <li><b>resolved</b>: tickets now resolved or closed whose resolution ({@link #resolvedDay(Ticket)}) falls on the
 *       day; a ticket reopened since counts again only when it is resolved again, on that later day;</li>
 *   <li><b>reopened</b>: the sum of {@code reopenCount} of the tickets opened on the day (sources report how often a
 *       ticket was reopened, not when), so reopens are attributed to the day the ticket was opened.</li>
 * </ul>
 *
 * @param service  the service
 * @param day      the UTC day
 * @param opened   tickets opened that day, by kind and priority
 * @param resolved tickets resolved that day, by kind and priority
 * @param reopened reopens of the tickets opened that day
 */
public record DailyCounts(String service, LocalDate day, Tally opened, Tally resolved, int reopened) {

    public DailyCounts {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(opened, "opened");
        Objects.requireNonNull(resolved, "resolved");
    }

    /** No tickets at all. */
    public static DailyCounts empty(String service, LocalDate day) {
        return new DailyCounts(service, day, Tally.EMPTY, Tally.EMPTY, 0);
    }

    /** The UTC day a ticket counts as opened on. */
    public static LocalDate openedDay(Ticket ticket) {
        return utcDay(ticket.openedAt());
    }

    /** Whether a ticket counts as open: not resolved, closed, cancelled or deleted. */
    public static boolean isOpen(Ticket ticket) {
        return !ticket.state().isTerminal();
    }

    /**
     * The UTC day a ticket counts as resolved on: present only while it is resolved or closed; the day of
     * {@code resolvedAt}, else of {@code closedAt}, else of its last update. Cancelled and deleted tickets are
     * neither open nor resolved.
     */
    public static Optional<LocalDate> resolvedDay(Ticket ticket) {
        if (ticket.state() != TicketState.RESOLVED && ticket.state() != TicketState.CLOSED) {
            return Optional.empty();
        }
        Instant at = ticket.resolvedAt() != null ? ticket.resolvedAt()
                : ticket.closedAt() != null ? ticket.closedAt()
                : ticket.sourceUpdatedAt() != null ? ticket.sourceUpdatedAt() : ticket.openedAt();
        return Optional.of(utcDay(at));
    }

    private static LocalDate utcDay(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    /**
     * Counts by kind and priority.
     *
     * @param byKindAndPriority kind to (priority to count); kinds and priorities without tickets are absent
     */
    public record Tally(Map<TicketKind, Map<Integer, Integer>> byKindAndPriority) {

        /** Nothing counted. */
        public static final Tally EMPTY = new Tally(Map.of());

        public Tally {
            Map<TicketKind, Map<Integer, Integer>> copy = new EnumMap<>(TicketKind.class);
            byKindAndPriority.forEach((kind, priorities) -> {
                Map<Integer, Integer> nonZero = new TreeMap<>();
                priorities.forEach((priority, count) -> {
                    if (count != null && count > 0) {
                        nonZero.put(priority, count);
                    }
                });
                if (!nonZero.isEmpty()) {
                    copy.put(kind, Collections.unmodifiableMap(nonZero));
                }
            });
            byKindAndPriority = Collections.unmodifiableMap(copy);
        }

        /** All tickets counted. */
        public int total() {
            return byKindAndPriority.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
        }

        /** Tickets of one kind. */
        public int count(TicketKind kind) {
            return byKindAndPriority.getOrDefault(kind, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Tickets of one kind and priority. */
        public int count(TicketKind kind, int priority) {
            return byKindAndPriority.getOrDefault(kind, Map.of()).getOrDefault(priority, 0);
        }

        /** Counts by kind, kinds without tickets absent. */
        public Map<TicketKind, Integer> byKind() {
            Map<TicketKind, Integer> counts = new EnumMap<>(TicketKind.class);
            byKindAndPriority.keySet().forEach(kind -> counts.put(kind, count(kind)));
            return Collections.unmodifiableMap(counts);
        }

        /** Counts by priority across kinds, priorities without tickets absent. */
        public Map<Integer, Integer> byPriority() {
            Map<Integer, Integer> counts = new TreeMap<>();
            byKindAndPriority.values().forEach(m -> m.forEach((p, c) -> counts.merge(p, c, Integer::sum)));
            return Collections.unmodifiableMap(counts);
        }

        /** A builder, for adapters that count item by item. */
        public static Builder builder() {
            return new Builder();
        }

        /** Accumulates counts. Not thread-safe. */
        public static final class Builder {
            private final Map<TicketKind, Map<Integer, Integer>> counts = new EnumMap<>(TicketKind.class);

            private Builder() {
            }

            /** Counts one ticket. */
            public Builder add(TicketKind kind, int priority) {
                counts.computeIfAbsent(kind, k -> new TreeMap<>()).merge(priority, 1, Integer::sum);
                return this;
            }

            public Tally build() {
                return new Tally(counts);
            }
        }
    }
}

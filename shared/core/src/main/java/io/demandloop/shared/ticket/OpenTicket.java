package io.demandloop.shared.ticket;

import java.time.Instant;
import java.util.Objects;

/**
 * What the open-by-service index keeps of a ticket that is not finished: enough to link an alert episode to an
 * incident and to judge whether the incident went stale.
 *
 * @param key             the ticket's identity, {@link Ticket#key()}
 * @param kind            its kind
 * @param number          the human-facing number; may be null
 * @param priority        1 (highest) to 5
 * @param state           its (open) state
 * @param openedAt        when it was opened
 * @param sourceUpdatedAt when the source last changed it; may be null
 */
public record OpenTicket(String key, TicketKind kind, String number, int priority, TicketState state, Instant openedAt,
                         Instant sourceUpdatedAt) {

    public OpenTicket {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(openedAt, "openedAt");
    }

    /** The summary of a stored ticket. */
    public static OpenTicket of(Ticket ticket) {
        return new OpenTicket(ticket.key(), ticket.kind(), ticket.number(), ticket.priority(), ticket.state(),
                ticket.openedAt(), ticket.sourceUpdatedAt());
    }

    /** When the ticket last showed activity: its last update at the source, else its opening. */
    public Instant lastActivity() {
        return sourceUpdatedAt != null && sourceUpdatedAt.isAfter(openedAt) ? sourceUpdatedAt : openedAt;
    }
}

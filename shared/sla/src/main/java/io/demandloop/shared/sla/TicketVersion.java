package io.demandloop.shared.sla;

import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.time.Instant;
import java.util.Objects;

/**
 * One stored version of a ticket, as much as SLA clocks need: its state and priority from an instant on. The
 * history of a ticket is the set of its versions, ordered by {@link #sourceVersion}.
 *
 * @param ticketKey     {@link Ticket#key()}
 * @param source        the tool
 * @param kind          the kind
 * @param number        the human-facing number; may be null
 * @param service       the service
 * @param priority      1 to 5
 * @param state         the canonical state
 * @param openedAt      when the ticket was opened
 * @param at            when this version's state began: the resolution (or closing) instant for a finished
 *                      state, else the source's update instant, else the opening
 * @param sourceVersion the source's version counter
 * @param link          a URL to the record at the source; may be null
 */
public record TicketVersion(String ticketKey, String source, TicketKind kind, String number, String service, int priority,
                            TicketState state, Instant openedAt, Instant at, long sourceVersion, String link) {

    public TicketVersion {
        Objects.requireNonNull(ticketKey, "ticketKey");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(at, "at");
    }

    /** The version a ticket is. */
    public static TicketVersion of(Ticket ticket) {
        Instant at = ticket.state().isTerminal() && ticket.finishedAt() != null
                ? ticket.finishedAt()
                : ticket.sourceUpdatedAt() != null ? ticket.sourceUpdatedAt() : ticket.openedAt();
        return new TicketVersion(ticket.key(), ticket.source(), ticket.kind(), ticket.number(), ticket.service(),
                ticket.priority(), ticket.state(), ticket.openedAt(), at, ticket.sourceVersion(), ticket.link());
    }
}

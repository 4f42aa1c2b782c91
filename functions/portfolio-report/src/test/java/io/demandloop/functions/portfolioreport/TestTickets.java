package io.demandloop.functions.portfolioreport;

import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.time.Instant;

/** Tickets for the tests, built with the record's canonical constructor. */
final class TestTickets {

    private TestTickets() {
    }

    static Ticket open(String id, String service, Instant openedAt) {
        return ticket(TicketKind.INCIDENT, id, service, TicketState.IN_PROGRESS, openedAt, null, null, openedAt);
    }

    static Ticket resolved(String id, String service, Instant openedAt, Instant resolvedAt) {
        return ticket(TicketKind.INCIDENT, id, service, TicketState.RESOLVED, openedAt, resolvedAt, null, resolvedAt);
    }

    static Ticket closed(String id, String service, Instant openedAt, Instant closedAt) {
        return ticket(TicketKind.INCIDENT, id, service, TicketState.CLOSED, openedAt, null, closedAt, closedAt);
    }

    static Ticket cancelled(String id, String service, Instant openedAt, Instant cancelledAt) {
        return ticket(TicketKind.INCIDENT, id, service, TicketState.CANCELLED, openedAt, null, null, cancelledAt);
    }

    static Ticket ticket(TicketKind kind, String id, String service, TicketState state, Instant openedAt,
                         Instant resolvedAt, Instant closedAt, Instant updatedAt) {
        return Ticket.builder()
                .source("servicenow")
                .sourceId(id)
                .kind(kind)
                .number("INC" + id)
                .service(service)
                .priority(3)
                .state(state)
                .openedAt(openedAt)
                .resolvedAt(resolvedAt)
                .closedAt(closedAt)
                .department("Finance")
                .assignmentGroup("Service Desk")
                .category("software")
                .title("Ticket " + id)
                .sourceVersion(1L)
                .sourceUpdatedAt(updatedAt)
                .build();
    }
}

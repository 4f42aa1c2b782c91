package io.demandloop.functions.slaescalation;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.sla.SlaEvaluator;
import io.demandloop.shared.sla.SlaPolicies;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketKind;
import io.demandloop.shared.ticket.TicketState;
import java.time.Instant;

/** Tickets and policies for the tests: the default policies (P1/P2 around the clock, P3-P5 business hours UTC). */
final class SlaFixtures {

    static final SlaPolicies POLICIES = SlaPolicies.from(DemandloopConfig.defaults());

    private SlaFixtures() {
    }

    static SlaEvaluator evaluator() {
        return new SlaEvaluator(POLICIES);
    }

    /** A ServiceNow incident of the Email service. */
    static Ticket incident(String id, int priority, TicketState state, long version, String openedAt, String updatedAt) {
        return incident(id, "Email", priority, state, version, openedAt, updatedAt);
    }

    /** A ServiceNow incident of a service. */
    static Ticket incident(String id, String service, int priority, TicketState state, long version, String openedAt,
                           String updatedAt) {
        Instant updated = Instant.parse(updatedAt);
        return Ticket.builder().source("servicenow").sourceId(id).kind(TicketKind.INCIDENT).number("INC" + id)
                .service(service).priority(priority).state(state).openedAt(Instant.parse(openedAt))
                .resolvedAt(state == TicketState.RESOLVED ? updated : null).title("title").sourceVersion(version)
                .sourceUpdatedAt(updated).link("https://example.service-now.com/incident.do?sys_id=" + id).build();
    }

    static String key(String id) {
        return Ticket.key("servicenow", TicketKind.INCIDENT, id);
    }
}

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
        return new Ticket("servicenow", id, TicketKind.INCIDENT, "INC" + id, service, null, priority, state,
                Instant.parse(openedAt), state == TicketState.RESOLVED ? updated : null, null, null, null, null, null,
                "title", version, updated, 0, "https://example.service-now.com/incident.do?sys_id=" + id);
    }

    static String key(String id) {
        return Ticket.key("servicenow", TicketKind.INCIDENT, id);
    }
}
